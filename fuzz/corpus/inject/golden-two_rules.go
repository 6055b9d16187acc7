package tworules

func Fetch(key string) (string, error) {
	return "value of " + key, nil
}
