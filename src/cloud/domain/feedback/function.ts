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
  type FeedbackApi,
} from '../../../contract'
import { action, ADMINS, EVERYONE, ORGANIZERS, type FunctionOf } from '../../core/define'
import * as items from './items'
import * as phrases from './phrases'
import * as stars from './stars'
import * as wall from './wall'

const STAFF = ['staff', 'manager', 'admin'] as const

export const feedbackFunction = {
  phrases: action({ roles: EVERYONE, input: phrasesInput, handle: phrases.phrases }),
  savePhrase: action({ roles: ADMINS, input: savePhraseInput, write: true, handle: phrases.savePhrase }),

  submit: action({ roles: EVERYONE, input: submitFeedbackInput, write: true, handle: items.submit }),
  mine: action({ roles: EVERYONE, input: emptyInput, handle: items.mine }),
  detail: action({ roles: EVERYONE, input: feedbackIdInput, handle: items.detail }),
  confirm: action({ roles: EVERYONE, input: confirmComplaintInput, write: true, handle: items.confirm }),
  reopen: action({ roles: EVERYONE, input: reopenComplaintInput, write: true, handle: items.reopen }),

  queue: action({ roles: ORGANIZERS, input: complaintQueueInput, handle: items.queue }),
  accept: action({ roles: ORGANIZERS, input: feedbackIdInput, write: true, handle: items.accept }),
  reply: action({ roles: ORGANIZERS, input: replyComplaintInput, write: true, handle: items.reply }),
  close: action({ roles: ORGANIZERS, input: closeComplaintInput, write: true, handle: items.close }),
  sweep: action({ roles: ADMINS, input: emptyInput, write: true, handle: items.sweep }),

  praiseReview: action({ roles: ADMINS, input: emptyInput, handle: wall.praiseReview }),
  approvePraise: action({ roles: ADMINS, input: approvePraiseInput, write: true, handle: wall.approvePraise }),
  rejectPraise: action({ roles: ADMINS, input: rejectPraiseInput, write: true, handle: wall.rejectPraise }),
  myPraise: action({ roles: STAFF, input: emptyInput, handle: wall.myPraise }),
  wall: action({ roles: EVERYONE, input: emptyInput, handle: wall.wall }),

  computeStars: action({ roles: ADMINS, input: starMonthInput, handle: stars.computeStars }),
  publishStars: action({ roles: ADMINS, input: publishStarsInput, write: true, handle: stars.publishStars }),
  stars: action({ roles: EVERYONE, input: publishedStarsInput, handle: wall.stars }),
} satisfies FunctionOf<FeedbackApi>
