/*
 * A jail's console: a pseudo-terminal of a devpts instance of its own,
 * whose master the jail's init holds.  The init keeps the recent output in
 * a ring buffer and serves it to jattach clients over its control socket,
 * in messages of one type byte and a payload.  While the jail starts, the
 * init also holds the terminal's slave side, hands jail(8) descriptors of
 * it for exec.start, and starts the console program when told to.
 */
#ifndef JB_CONSOLE_H
#define JB_CONSOLE_H

#include <sys/types.h>

#include <stddef.h>

#define CONSOLE_LISTENER 'L'	/* to the init: a seccomp listener */
#define CONSOLE_ATTACH	'A'	/* to the init: make me a client */
#define CONSOLE_PERSIST	'P'	/* to the init: persist, '0' or '1'; it
				   answers the same with the value it had */
#define CONSOLE_TERMINAL 'T'	/* to the init: the console's terminal, not
				   yet its program's; answered with it */
#define CONSOLE_START	'S'	/* to the init: start the console program;
				   answered the same, with why it could not */
#define CONSOLE_INPUT	'I'	/* client to console: typed bytes */
#define CONSOLE_WINSIZE	'W'	/* client to console: a struct winsize */
#define CONSOLE_OUTPUT	'O'	/* console to client: output bytes */
#define CONSOLE_EXIT	'X'	/* console to client: the program's status */
#define CONSOLE_NONE	'N'	/* to a client: the jail has no console */
#define CONSOLE_NETNS	'U'	/* to a starting init, on its report
				   socket: the network namespace to enter */
#define CONSOLE_MSGMAX	4096	/* largest payload */

struct console {
	int	 master;		/* -1: the jail has no console */
	int	 slave;			/* held until the program starts */
	pid_t	 pid;			/* the console program; -1 before it
					   starts, 0 once gone */
	int	 status;		/* its wait status once gone */
	char	*ring;			/* recent output */
	size_t	 size, start, len;
	int	*clients;
	size_t	 nclients;
	int	 logfd;			/* exec.consolelog, or -1 */
};

int	console_open(struct console *, size_t, int);
int	console_terminal(const struct console *);
void	console_output(struct console *);
void	console_exited(struct console *, int);
void	console_attach(struct console *, int);
int	console_input(struct console *, int);
void	console_drop(struct console *, int);
int	console_send(int, int, const void *, size_t);
int	console_send_fd(int, int, int);
int	console_recv(int, void *, size_t, size_t *, int *);
int	console_recv_fd(int);
int	console_request(int, int, const void *, size_t, void *, size_t,
	    size_t *, int *);

#endif
