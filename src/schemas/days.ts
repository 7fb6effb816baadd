/** A day as the API writes it (YYYY-MM-DD), as the instant a date column stores: its UTC midnight. */
export const utcDay = (text: string) => new Date(`${text}T00:00:00.000Z`);
