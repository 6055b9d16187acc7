package noinit

var V int
