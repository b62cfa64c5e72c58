#ifndef JB_APPLETS_H
#define JB_APPLETS_H

int	jail_main(int, char **);
int	jattach_main(int, char **);
int	jexec_main(int, char **);
int	jls_main(int, char **);

#endif
