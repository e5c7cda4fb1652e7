import { CloudDbStandIn } from '../support/cloud-db-stand-in'
import { createCloudbaseRepoSet, createSurveyRepo } from '../../src/cloud/storage/cloudbase'

test('a function reaching a repository outside its set is told which one, and where to add it', async () => {
  const repos = createCloudbaseRepoSet(new CloudDbStandIn(), { survey: createSurveyRepo }, 'survey')
  expect(typeof repos.survey.findVisit).toBe('function')
  expect(() => repos.volunteer).toThrow(
    'survey has no volunteer repository: add it to its set in src/cloud/functions/repo-sets.ts',
  )
  // A set is handed over through a promise: it must not look like one.
  await expect(Promise.resolve(repos)).resolves.toBe(repos)
})
