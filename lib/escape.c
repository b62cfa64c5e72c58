#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIBBSD_NETBSD_VIS
#include <bsd/vis.h>

#include "escape.h"

#define REPLACEMENT	0xfffdUL	/* U+FFFD REPLACEMENT CHARACTER */

static size_t	utf8_decode(const unsigned char *, unsigned long *);

/*
 * The code point of the UTF-8 sequence at s and its length in bytes; a
 * byte that starts no valid sequence (malformed, overlong, a surrogate,
 * beyond U+10FFFF) is one byte of U+FFFD.
 */
static size_t
utf8_decode(const unsigned char *s, unsigned long *cpp)
{
	unsigned long cp, min;
	size_t len, i;

	if (s[0] < 0x80) {
		*cpp = s[0];
		return (1);
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		cp = s[0] & 0x1f;
		min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		cp = s[0] & 0x0f;
		min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		cp = s[0] & 0x07;
		min = 0x10000;
	} else
		goto bad;
	/* A NUL is no continuation byte: the end of s stops the loop. */
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		goto bad;
	*cpp = cp;
	return (len);
bad:
	*cpp = REPLACEMENT;
	return (1);
}

/*
 * The inside of a JSON string holding s: quote and backslash escaped,
 * every character outside printable ASCII as \uXXXX (a surrogate pair
 * past U+FFFF).  A new string the caller frees, NULL on no memory.
 */
char *
escape_json(const char *s)
{
	const unsigned char *p;
	unsigned long cp;
	char *out, *o;
	size_t n;

	/* At most six bytes out for each byte in (\uXXXX). */
	if ((out = malloc(6 * strlen(s) + 1)) == NULL)
		return (NULL);
	o = out;
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		n = utf8_decode(p, &cp);
		switch (cp) {
		case '"':
			o += sprintf(o, "\\\"");
			break;
		case '\\':
			o += sprintf(o, "\\\\");
			break;
		case '\b':
			o += sprintf(o, "\\b");
			break;
		case '\f':
			o += sprintf(o, "\\f");
			break;
		case '\n':
			o += sprintf(o, "\\n");
			break;
		case '\r':
			o += sprintf(o, "\\r");
			break;
		case '\t':
			o += sprintf(o, "\\t");
			break;
		default:
			if (cp >= 0x20 && cp < 0x7f)
				*o++ = (char)cp;
			else if (cp < 0x10000)
				o += sprintf(o, "\\u%04lx", cp);
			else
				o += sprintf(o, "\\u%04lx\\u%04lx",
				    0xd800 + ((cp - 0x10000) >> 10),
				    0xdc00 + ((cp - 0x10000) & 0x3ff));
		}
	}
	*o = '\0';
	return (out);
}

/*
 * The text of an XML element or attribute holding s: markup characters
 * as entities, tab, newline and carriage return and every character
 * outside printable ASCII as character references, so that neither a
 * parser nor the line layout changes them; what XML 1.0 cannot hold is
 * U+FFFD.  A new string the caller frees, NULL on no memory.
 */
char *
escape_xml(const char *s)
{
	const unsigned char *p;
	unsigned long cp;
	char *out, *o;
	size_t n;

	/* At most eight bytes out for each byte in (&#xfffd;). */
	if ((out = malloc(8 * strlen(s) + 1)) == NULL)
		return (NULL);
	o = out;
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		n = utf8_decode(p, &cp);
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    cp == 0xfffe || cp == 0xffff)
			cp = REPLACEMENT;
		switch (cp) {
		case '&':
			o += sprintf(o, "&amp;");
			break;
		case '<':
			o += sprintf(o, "&lt;");
			break;
		case '>':
			o += sprintf(o, "&gt;");
			break;
		case '"':
			o += sprintf(o, "&quot;");
			break;
		default:
			if (cp >= 0x20 && cp < 0x7f)
				*o++ = (char)cp;
			else
				o += sprintf(o, "&#x%lx;", cp);
		}
	}
	*o = '\0';
	return (out);
}

/*
 * quote_vis() for text whose backslashes quote_param() has already
 * escaped: every byte outside printable ASCII as a C escape, backslashes
 * left as they are.  A new string the caller frees, NULL on no memory.
 */
char *
escape_terminal(const char *s)
{
	char *out;

	if ((out = malloc(4 * strlen(s) + 1)) == NULL)
		return (NULL);
	strvis(out, s, VIS_CSTYLE | VIS_OCTAL | VIS_NL | VIS_TAB | VIS_NOSLASH);
	return (out);
}
