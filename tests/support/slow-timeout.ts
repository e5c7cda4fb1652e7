// Integration and browser tests start a real host and database.
jest.setTimeout(120_000)
