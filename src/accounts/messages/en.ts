/** English strings of citizens' accounts: sign-up, confirmation, the legal texts, deleting one's account (issue 14). */
export const accountsEn = {
  'signUp.title': 'Sign up',
  'signUp.intro':
    'An account lets you support proposals and take part in the discussion. The secretariat and the members of the body are invited by the secretariat instead.',
  'signUp.displayName': 'Your name as others will see it',
  'signUp.password': 'Password',
  'signUp.confirm': 'Password again',
  'signUp.locale': 'Language of e-mail from Kenes',
  'signUp.terms': 'I have read and accept the terms of use',
  'signUp.privacy': 'I have read the privacy notice and agree that my data is kept as it says',
  'signUp.readTerms': 'Read the terms of use',
  'signUp.readPrivacy': 'Read the privacy notice',
  'signUp.consentRequired': 'You can sign up only if you agree to this.',
  'signUp.textChanged': 'This text has changed since you opened the form. Read it again, then confirm.',
  'signUp.submit': 'Sign up',
  'signUp.sent':
    'Almost done: we sent a link to your e-mail address. Open it within 48 hours to confirm the address. You can sign in meanwhile.',
  'signUp.noAccount': 'No account yet?',
  'signUp.haveAccount': 'Already have an account?',

  'confirm.title': 'Confirm your e-mail address',
  'confirm.intro': 'Confirm that {email} is your address.',
  'confirm.submit': 'Confirm my address',
  'confirm.done': 'Thank you: your e-mail address is confirmed.',
  'confirm.invalid':
    'This link has expired or has already been used. Sign in and ask for a new one on your account page.',
  'confirm.status': 'E-mail address',
  'confirm.confirmed': 'confirmed',
  'confirm.unconfirmed': 'not confirmed yet: open the link we sent you.',
  'confirm.resend': 'Send the link again',
  'confirm.resent': 'A new link is on its way. It works for 48 hours.',

  'email.confirm.subject': 'Kenes: confirm your e-mail address',
  'email.confirm.body':
    'Hello {name},\n\nThank you for signing up to Kenes. Open this link within 48 hours to confirm your e-mail address:\n\n{link}\n\nIf you did not sign up, ignore this message: the account stays unconfirmed.\n\n— Kenes',
  'email.signUpExisting.subject': 'Kenes: someone tried to sign up with your address',
  'email.signUpExisting.body':
    'Hello {name},\n\nSomebody (perhaps you) tried to sign up to Kenes with this e-mail address, which already has an account. Nothing has changed.\n\nIf it was you, sign in: {signIn}\nForgot your password? Choose a new one: {reset}\n\n— Kenes',

  'legal.terms': 'Terms of use',
  'legal.privacy': 'Privacy notice',
  'legal.version': 'Version {version} of {date}',
  'legal.edit': 'Edit this text',
  'legal.editTitle': 'Edit: {title}',
  'legal.body': 'Text (Markdown)',
  'legal.editHint': 'Saving makes a new version; those who sign up from now on agree to it. Earlier versions are kept.',
  'legal.saved': 'The text has been saved as version {version}.',
  'legal.unchanged': 'Nothing was changed: the text is the same as the current version.',
  'legal.stale': 'Someone saved a newer version meanwhile. Read it, then make your changes again.',

  'deleteAccount.title': 'Delete your account',
  'deleteAccount.intro':
    'Your name and e-mail address are removed and you are signed out everywhere. This cannot be undone.',
  'deleteAccount.commentsAnonymise': 'Your comments stay, signed "deleted user".',
  'deleteAccount.commentsRemove': 'Your comments are removed.',
  'deleteAccount.password': 'Your password, to confirm',
  'deleteAccount.submit': 'Delete my account',
  'deleteAccount.done': 'Your account has been deleted.',
  'deleteAccount.lastAdmin': 'You are the last administrator: give the role to someone else first.',
  deletedUser: 'deleted user',
  'notificationSettings.title': 'E-mail notifications',
  'notificationSettings.intro':
    'For each kind of notification, choose when Kenes e-mails you. Every notification also appears on your notifications page, whatever you choose. Several changes to one thing within a few minutes come in one e-mail; a digest gathers everything of its day or week in one e-mail.',
  'notificationSettings.default': '{choice} (the default for your role)',
  'notificationSettings.none': 'Your role receives no notifications.',
  'notificationSettings.saved': 'Your e-mail notification settings are saved.',
} as const;
