/** The part of pino the cloud code uses; console in WeChat, pino in the host. */
export interface Logger {
  info(details: object, message: string): void
  warn(details: object, message: string): void
  error(details: object, message: string): void
}

export const consoleLogger: Logger = {
  info: (details, message) => console.log(message, details),
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} }
