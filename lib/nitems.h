/* The number of elements of an array, spelt as FreeBSD's sys/param.h. */
#ifndef JB_NITEMS_H
#define JB_NITEMS_H

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

#endif
