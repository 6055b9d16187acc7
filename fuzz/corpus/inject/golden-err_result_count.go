package errres

func Get() (int, bool) { return 0, false }
