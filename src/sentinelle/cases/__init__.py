"""Cases: one customer's complaint, handled to closure by a named owner."""
