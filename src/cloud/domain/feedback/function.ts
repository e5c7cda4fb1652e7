import {
  approvePraiseInput,
  closeComplaintInput,
  complaintQueueInput,
  confirmComplaintInput,
  emptyInput,
  feedbackIdInput,
  phrasesInput,
  publishedStarsInput,
  publishStarsInput,
  rejectPraiseInput,
  reopenComplaintInput,
  replyComplaintInput,
  savePhraseInput,
  starMonthInput,
  submitFeedbackInput,
} from '../../../contract'
import { action, ADMINS, EVERYONE, ORGANIZERS, type FunctionDef } from '../../core/define'
import * as feedback from './handlers'

const STAFF = ['staff', 'manager', 'admin'] as const

export const feedbackFunction: FunctionDef = {
  phrases: action({ roles: EVERYONE, input: phrasesInput, handle: feedback.phrases }),
  savePhrase: action({ roles: ADMINS, input: savePhraseInput, write: true, handle: feedback.savePhrase }),

  submit: action({ roles: EVERYONE, input: submitFeedbackInput, write: true, handle: feedback.submit }),
  mine: action({ roles: EVERYONE, input: emptyInput, handle: feedback.mine }),
  detail: action({ roles: EVERYONE, input: feedbackIdInput, handle: feedback.detail }),
  confirm: action({ roles: EVERYONE, input: confirmComplaintInput, write: true, handle: feedback.confirm }),
  reopen: action({ roles: EVERYONE, input: reopenComplaintInput, write: true, handle: feedback.reopen }),

  queue: action({ roles: ORGANIZERS, input: complaintQueueInput, handle: feedback.queue }),
  accept: action({ roles: ORGANIZERS, input: feedbackIdInput, write: true, handle: feedback.accept }),
  reply: action({ roles: ORGANIZERS, input: replyComplaintInput, write: true, handle: feedback.reply }),
  close: action({ roles: ORGANIZERS, input: closeComplaintInput, write: true, handle: feedback.close }),
  sweep: action({ roles: ADMINS, input: emptyInput, write: true, handle: feedback.sweep }),

  praiseReview: action({ roles: ADMINS, input: emptyInput, handle: feedback.praiseReview }),
  approvePraise: action({ roles: ADMINS, input: approvePraiseInput, write: true, handle: feedback.approvePraise }),
  rejectPraise: action({ roles: ADMINS, input: rejectPraiseInput, write: true, handle: feedback.rejectPraise }),
  myPraise: action({ roles: STAFF, input: emptyInput, handle: feedback.myPraise }),
  wall: action({ roles: EVERYONE, input: emptyInput, handle: feedback.wall }),

  computeStars: action({ roles: ADMINS, input: starMonthInput, handle: feedback.computeStars }),
  publishStars: action({ roles: ADMINS, input: publishStarsInput, write: true, handle: feedback.publishStars }),
  stars: action({ roles: EVERYONE, input: publishedStarsInput, handle: feedback.stars }),
}
