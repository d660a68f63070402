/**
 * Bits of an event position below the transaction id: position = (xid8 << 14) + index in the append.
 * 2^14 = 16384 > MAX_EVENTS_PER_APPEND (10,000); one append is one transaction.
 */
export const POSITION_SHIFT = 14;
