import { feedbackContract } from '../support/contracts/feedback'
import { identityContract } from '../support/contracts/identity'
import { personalDataContract } from '../support/contracts/personal-data'
import { platformContract } from '../support/contracts/platform'
import { staffSurveyContract } from '../support/contracts/staff-survey'
import { studyContract } from '../support/contracts/study'
import { surveyContract } from '../support/contracts/survey'
import { voiceContract } from '../support/contracts/voice'
import { volunteerContract } from '../support/contracts/volunteer'
import { volunteerExcellentContract } from '../support/contracts/volunteer-excellent'
import { REPO_ADAPTERS, type RepoHarness } from '../support/repo-adapters'

// One repository contract, every adapter that can run here. An area adds its block below.
describe.each(REPO_ADAPTERS)('repository contract: $name', (adapter) => {
  let harness: RepoHarness
  beforeAll(async () => {
    harness = await adapter.open()
  })
  afterAll(async () => {
    await harness.close()
  })
  const current = () => harness

  platformContract(current)
  identityContract(current)
  surveyContract(current)
  volunteerContract(current)
  volunteerExcellentContract(current)
  studyContract(current)
  staffSurveyContract(current)
  feedbackContract(current)
  personalDataContract(current)
  voiceContract(current)
})
