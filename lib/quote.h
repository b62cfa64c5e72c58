/*
 * Quoting of parameter values.  One encoding serves both the registry's
 * state files and the terminal: every byte that is not printable (newline
 * and tab included) becomes a C escape, so a value can neither start a
 * line of a state file nor drive the terminal that shows it.
 */
#ifndef JB_QUOTE_H
#define JB_QUOTE_H

char	*quote_vis(const char *);
int	 quote_unvis(const char *, char **);

#endif
