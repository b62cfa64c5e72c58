/*
 * Escaping values for jls(8)'s output.  JSON and XML carry text, so a
 * value is read as UTF-8; what they make is plain ASCII, so that no byte
 * of a value can drive the terminal that shows it.  A byte that is not
 * part of a valid UTF-8 sequence stands for U+FFFD, as does a character
 * that XML 1.0 cannot hold at all (the control characters other than
 * tab, newline and carriage return).
 */
#ifndef JB_ESCAPE_H
#define JB_ESCAPE_H

char	*escape_json(const char *);
char	*escape_xml(const char *);
char	*escape_terminal(const char *);

#endif
