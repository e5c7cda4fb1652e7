/** WeChat checks that the button with this id was tapped before it lets the waiting privacy API go on. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'
