/** Outcomes in which the client was reached: logging one sets the account's lastContactedAt. */
export const contactOutcomes: ReadonlySet<string> = new Set(['CONTACT_MADE', 'INTERESTED', 'MEETING_HELD', 'CONTRACT_SIGNED', 'PAYMENT_CONFIRMED', 'REFUSED']);
