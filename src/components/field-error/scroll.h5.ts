export const SHOWN_ERROR = '.rx-field__error--on'

/**
 * After a refused submit: brings the first marked field of the page on screen into view. In H5 the
 * pages below in the stack stay in the document, hidden, so only a laid-out mark counts.
 */
export function scrollToFirstError(): void {
  setTimeout(() => {
    const marks = Array.from(document.querySelectorAll<HTMLElement>(SHOWN_ERROR))
    const first = marks.find((mark) => mark.offsetParent !== null)
    first?.scrollIntoView({ block: 'center', behavior: 'smooth' })
  }, 0)
}
