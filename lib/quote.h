/*
 * Quoting of parameter values.  One encoding serves both the registry's
 * state files and the terminal: every byte that is not printable (newline
 * and tab included) becomes a C escape, so a value can neither start a
 * line of a state file nor drive the terminal that shows it.
 *
 * quote_param() is FreeBSD's quoting of a parameter value in "jail -e",
 * "jail -J" and "jls -q" output, which scripts parse: an empty value, or
 * one with a quote, space or tab, is wrapped in quotes.
 */
#ifndef JB_QUOTE_H
#define JB_QUOTE_H

char	*quote_vis(const char *);
char	*quote_param(const char *);
int	 quote_unvis(const char *, char **);

#endif
