#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "console.h"
#include "errmsg.h"
#include "registry.h"

/*
 * Open the console: a new devpts instance, detached, so the host's
 * terminals are out of reach, or the jail's own (pts, from its devfs,
 * -1: none), its ptmx opened for the master and the peer for the slave.
 * The init keeps the master, and the slave until the console program
 * starts on it, so that the terminal stays whole while exec.start uses it.
 */
int
console_open(struct console *co, size_t size, int pts)
{
	int fs, tree, unlock, logfd;

	logfd = co->logfd;
	memset(co, 0, sizeof(*co));
	co->master = co->slave = -1;
	co->pid = -1;
	co->logfd = logfd;
	if ((co->ring = malloc(size)) == NULL)
		return (jb_err(errno, "console.buffer"));
	co->size = size;
	if (pts != -1) {
		co->master = openat(pts, "ptmx", O_RDWR | O_NOCTTY |
		    O_CLOEXEC);
		goto opened;
	}
	if ((fs = fsopen("devpts", FSOPEN_CLOEXEC)) == -1)
		return (jb_err(errno, "console: devpts"));
	tree = -1;
	if (fsconfig(fs, FSCONFIG_SET_STRING, "ptmxmode", "0600", 0) == 0 &&
	    fsconfig(fs, FSCONFIG_SET_STRING, "mode", "0620", 0) == 0 &&
	    fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0)
		tree = fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID |
		    MOUNT_ATTR_NOEXEC);
	close(fs);
	if (tree == -1)
		return (jb_err(errno, "console: devpts"));
	co->master = openat(tree, "ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	close(tree);
opened:
	unlock = 0;
	if (co->master == -1 || ioctl(co->master, TIOCSPTLCK, &unlock) == -1 ||
	    (co->slave = console_terminal(co)) == -1) {
		jb_err(errno, "console: ptmx");
		if (co->master != -1)
			close(co->master);
		co->master = -1;
		return (-1);
	}
	fcntl(co->master, F_SETFL, O_NONBLOCK);
	return (0);
}

/*
 * A new descriptor of the console's terminal, opened through the master,
 * so it can only be the console's: for exec.start, before the console
 * program has started on it, never after; -1 then.
 */
int
console_terminal(const struct console *co)
{
	int fd;

	if (co->master == -1 || co->pid != -1)
		return (jb_errx(ENOTTY, "console: not starting"));
	if ((fd = ioctl(co->master, TIOCGPTPEER, O_RDWR | O_NOCTTY |
	    O_CLOEXEC)) == -1)
		return (jb_err(errno, "console: terminal"));
	return (fd);
}

/* One message: a type byte and its payload, never blocking the init. */
int
console_send(int fd, int type, const void *buf, size_t len)
{
	char msg[CONSOLE_MSGMAX + 1];

	if (len > CONSOLE_MSGMAX)
		return (jb_errx(EMSGSIZE, "console message too long"));
	msg[0] = (char)type;
	if (len > 0)
		memcpy(msg + 1, buf, len);
	if (send(fd, msg, len + 1, MSG_NOSIGNAL | MSG_DONTWAIT) !=
	    (ssize_t)(len + 1))
		return (jb_err(errno, "console"));
	return (0);
}

/* A message carrying a descriptor. */
int
console_send_fd(int sock, int type, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))], byte = (char)type;
	struct iovec iov = { &byte, 1 };
	struct cmsghdr *cm;
	struct msghdr msg;

	memset(&msg, 0, sizeof(msg));
	memset(cbuf, 0, sizeof(cbuf));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	if (sendmsg(sock, &msg, MSG_NOSIGNAL) != 1)
		return (jb_err(errno, "the jail's init"));
	return (0);
}

/*
 * Receive one message of the control protocol: its type byte, returned,
 * its payload (at most len bytes of it) in buf with its length in *lenp,
 * and the descriptor it carries in *fdp (-1: none); -1 when nothing
 * well-formed came.  A longer payload is cut, and the message refused.
 */
int
console_recv(int sock, void *buf, size_t len, size_t *lenp, int *fdp)
{
	char cbuf[CMSG_SPACE(sizeof(int))], byte;
	struct iovec iov[2] = { { &byte, 1 }, { buf, len } };
	struct cmsghdr *cm;
	struct msghdr msg;
	ssize_t n;

	*fdp = -1;
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = iov;
	msg.msg_iovlen = len > 0 ? 2 : 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	if ((n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC)) < 1)
		return (-1);
	if ((cm = CMSG_FIRSTHDR(&msg)) != NULL) {
		if (cm->cmsg_level != SOL_SOCKET ||
		    cm->cmsg_type != SCM_RIGHTS ||
		    cm->cmsg_len != CMSG_LEN(sizeof(int)))
			return (-1);
		memcpy(fdp, CMSG_DATA(cm), sizeof(int));
	}
	if (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) {
		if (*fdp != -1)
			close(*fdp);
		*fdp = -1;
		return (-1);
	}
	if (lenp != NULL)
		*lenp = (size_t)n - 1;
	return ((unsigned char)byte);
}

/*
 * Receive a message that must carry a descriptor or ask for attachment:
 * the descriptor, returned, for CONSOLE_LISTENER; for CONSOLE_ATTACH, -2;
 * -1 for anything else.
 */
int
console_recv_fd(int sock)
{
	int type, fd;

	type = console_recv(sock, NULL, 0, NULL, &fd);
	if (type == CONSOLE_LISTENER && fd != -1)
		return (fd);
	if (fd != -1)
		close(fd);
	return (type == CONSOLE_ATTACH && fd == -1 ? -2 : -1);
}

/*
 * One request to a jail's init over its control socket, and its answer:
 * the answer's type, returned, as console_recv() gives it; -1 when the
 * init cannot be reached or said nothing well-formed.
 */
int
console_request(int jid, int type, const void *arg, size_t arglen,
    void *buf, size_t len, size_t *lenp, int *fdp)
{
	int sock, answer;

	*fdp = -1;
	if ((sock = registry_control_connect(jid)) == -1)
		return (-1);
	if (console_send(sock, type, arg, arglen) == -1) {
		close(sock);
		return (-1);
	}
	if ((answer = console_recv(sock, buf, len, lenp, fdp)) == -1)
		jb_errx(EPROTO, "the jail's init did not answer");
	close(sock);
	return (answer);
}

/* Keep output: in the ring, and appended to exec.consolelog if set. */
static void
ring_put(struct console *co, const char *buf, size_t n)
{
	size_t end;

	/* A log that cannot be written (a full disk) must not stop it. */
	if (co->logfd >= 0)
		(void)!write(co->logfd, buf, n);

	if (n >= co->size) {
		buf += n - co->size;
		n = co->size;
	}
	while (n-- > 0) {
		end = (co->start + co->len) % co->size;
		co->ring[end] = *buf++;
		if (co->len < co->size)
			co->len++;
		else
			co->start = (co->start + 1) % co->size;
	}
}

/* Stop serving a client. */
void
console_drop(struct console *co, int fd)
{
	size_t i;

	for (i = 0; i < co->nclients; i++)
		if (co->clients[i] == fd) {
			co->clients[i] = co->clients[--co->nclients];
			break;
		}
	close(fd);
}

static void
broadcast(struct console *co, int type, const void *buf, size_t n)
{
	size_t i;

	for (i = 0; i < co->nclients; i++)
		if (console_send(co->clients[i], type, buf, n) == -1)
			console_drop(co, co->clients[i--]);
}

/* Read what the console program wrote: keep it, and pass it on. */
void
console_output(struct console *co)
{
	char buf[CONSOLE_MSGMAX];
	ssize_t n;

	while ((n = read(co->master, buf, sizeof(buf))) > 0) {
		ring_put(co, buf, (size_t)n);
		broadcast(co, CONSOLE_OUTPUT, buf, (size_t)n);
	}
}

/*
 * The console program ended: flush its last output, tell every client.
 * The pty hands output to the master asynchronously, so what was written
 * just before the end is waited for, until the slave is closed everywhere
 * (a hang up with nothing left to read) or for at most a short while.
 */
void
console_exited(struct console *co, int status)
{
	struct pollfd pfd = { .fd = co->master, .events = POLLIN };
	int i;

	for (i = 0; i < 25; i++) {
		if (poll(&pfd, 1, 20) <= 0 ||
		    (pfd.revents & (POLLIN | POLLHUP)) == POLLHUP)
			break;
		console_output(co);
	}
	co->pid = 0;
	co->status = status;
	broadcast(co, CONSOLE_EXIT, &status, sizeof(status));
}

/* A new client: replay the recent output, then it is served like all. */
void
console_attach(struct console *co, int fd)
{
	size_t first, n;
	int *nc;

	if (co->master == -1) {
		console_send(fd, CONSOLE_NONE, NULL, 0);
		close(fd);
		return;
	}
	if ((nc = reallocarray(co->clients, co->nclients + 1,
	    sizeof(*nc))) == NULL) {
		close(fd);
		return;
	}
	co->clients = nc;
	co->clients[co->nclients++] = fd;
	/* The ring in at most two pieces, each in messages that fit. */
	for (first = 0; first < co->len; first += n) {
		n = co->len - first;
		if (n > CONSOLE_MSGMAX)
			n = CONSOLE_MSGMAX;
		if ((co->start + first) % co->size + n > co->size)
			n = co->size - (co->start + first) % co->size;
		if (console_send(fd, CONSOLE_OUTPUT,
		    co->ring + (co->start + first) % co->size, n) == -1) {
			console_drop(co, fd);
			return;
		}
	}
	if (co->pid == 0)
		console_send(fd, CONSOLE_EXIT, &co->status, sizeof(co->status));
}

/* A message from a client: what it typed, or its window size. */
int
console_input(struct console *co, int fd)
{
	char msg[CONSOLE_MSGMAX + 1];
	struct winsize ws;
	ssize_t n;

	if ((n = recv(fd, msg, sizeof(msg), MSG_DONTWAIT)) <= 0)
		return (n == -1 && errno == EAGAIN ? 0 : -1);
	if (co->pid == 0)
		return (0);
	if (msg[0] == CONSOLE_INPUT) {
		if (write(co->master, msg + 1, (size_t)n - 1) == -1 &&
		    errno != EAGAIN)
			return (-1);
	} else if (msg[0] == CONSOLE_WINSIZE && n == 1 + sizeof(ws)) {
		memcpy(&ws, msg + 1, sizeof(ws));
		ioctl(co->master, TIOCSWINSZ, &ws);
	}
	return (0);
}
