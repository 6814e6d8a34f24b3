package termios
