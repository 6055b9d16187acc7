package otlphttp

import (
	"crypto/tls"
	"crypto/x509"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
)

// Defaults of the OTLP exporter specification.
const (
	defaultTimeout = 10 * time.Second
)

// Signal is what an exporter sends: its variables' infix and its path.
type Signal struct {
	name string // TRACES, METRICS: OTEL_EXPORTER_OTLP_<name>_ENDPOINT ...
	path string // appended to OTEL_EXPORTER_OTLP_ENDPOINT
}

// The signals otel exports.
var (
	Traces  = Signal{name: "TRACES", path: "/v1/traces"}
	Metrics = Signal{name: "METRICS", path: "/v1/metrics"}
)

func (s Signal) defaultURL() string { return "http://localhost:4318" + s.path }

// Config is what the exporter needs; ConfigFromEnv fills it from OTEL_*.
type Config struct {
	URL     string            // where requests go: scheme, host, path
	Headers map[string]string // added to every request
	Timeout time.Duration     // bounds one export, retries included
	Gzip    bool              // compress bodies (Content-Encoding: gzip)
	TLS     *tls.Config       // custom CA or client certificate; nil: the default
}

// ConfigFromEnv is the configuration of the trace exporter.
func ConfigFromEnv(getenv func(string) string, readFile func(string) ([]byte, error)) (Config, []string) {
	return SignalConfigFromEnv(Traces, getenv, readFile)
}

// SignalConfigFromEnv reads OTEL_EXPORTER_OTLP_[<SIGNAL>_]ENDPOINT,
// _HEADERS, _TIMEOUT, _COMPRESSION, _CERTIFICATE, _CLIENT_CERTIFICATE and
// _CLIENT_KEY the way the SDK's otlptracehttp and otlpmetrichttp do: the
// per-signal variable wins over the general one. A value that cannot be
// used is skipped and described in the returned warnings. readFile reads
// certificate files.
func SignalConfigFromEnv(sig Signal, getenv func(string) string, readFile func(string) ([]byte, error)) (Config, []string) {
	e := env{getenv: getenv, signal: sig}
	c := Config{URL: sig.defaultURL(), Timeout: defaultTimeout}
	if v, ok := e.get("OTEL_EXPORTER_OTLP_" + sig.name + "_ENDPOINT"); ok {
		c.URL = e.endpoint(c.URL, v, false)
	} else if v, ok := e.get("OTEL_EXPORTER_OTLP_ENDPOINT"); ok {
		c.URL = e.endpoint(c.URL, v, true)
	}
	if v, ok := e.either("HEADERS"); ok {
		c.Headers = e.headers(v)
	}
	if v, ok := e.either("TIMEOUT"); ok {
		ms, err := strconv.Atoi(v)
		if err != nil || ms < 0 {
			e.warn("OTEL_EXPORTER_OTLP_TIMEOUT=" + v + " is not a number of milliseconds; using 10000")
		} else {
			c.Timeout = time.Duration(ms) * time.Millisecond
		}
	}
	if v, ok := e.either("COMPRESSION"); ok {
		switch strings.ToLower(v) {
		case "gzip":
			c.Gzip = true
		case "none":
		default:
			e.warn("OTEL_EXPORTER_OTLP_COMPRESSION=" + v + " is not supported (use gzip or none); not compressing")
		}
	}
	c.TLS = e.tlsConfig(readFile)
	return c, e.warnings
}

// env reads variables and collects warnings.
type env struct {
	getenv   func(string) string
	signal   Signal
	warnings []string
}

func (e *env) warn(s string) { e.warnings = append(e.warnings, s) }

func (e *env) get(name string) (string, bool) {
	v := strings.TrimSpace(e.getenv(name))
	return v, v != ""
}

// either returns OTEL_EXPORTER_OTLP_<SIGNAL>_<suffix>, else
// OTEL_EXPORTER_OTLP_<suffix>.
func (e *env) either(suffix string) (string, bool) {
	if v, ok := e.get("OTEL_EXPORTER_OTLP_" + e.signal.name + "_" + suffix); ok {
		return v, true
	}
	return e.get("OTEL_EXPORTER_OTLP_" + suffix)
}

// endpoint turns an endpoint variable into the request URL. A per-signal
// URL is used as it is (an empty path becomes "/"); the general one is a
// base to which the signal's path (/v1/traces) is appended. Like the SDK, any scheme but http
// means https.
func (e *env) endpoint(def, v string, base bool) string {
	u, err := url.Parse(v)
	if err != nil || u.Host == "" {
		e.warn("OTLP endpoint " + v + " is not a URL with a host; using " + def)
		return def
	}
	scheme := "https"
	if strings.EqualFold(u.Scheme, "http") {
		scheme = "http"
	}
	p := u.Path
	if base {
		p = path.Join(p, e.signal.path)
	} else if p == "" {
		p = "/"
	}
	out := url.URL{Scheme: scheme, Host: u.Host, Path: p}
	return out.String()
}

// headers parses a comma list of key=value; values are URL-decoded.
func (e *env) headers(v string) map[string]string {
	h := map[string]string{}
	for _, item := range strings.Split(v, ",") {
		k, val, found := strings.Cut(item, "=")
		k = strings.TrimSpace(k)
		if !found || !validHeaderKey(k) {
			e.warn("OTLP header " + strconv.Quote(item) + " is not key=value; ignored")
			continue
		}
		dec, err := url.PathUnescape(val)
		if err != nil {
			e.warn("OTLP header " + k + ": bad %-escape in value; ignored")
			continue
		}
		h[k] = strings.TrimSpace(dec)
	}
	return h
}

// validHeaderKey reports whether k is an HTTP token (RFC 9110).
func validHeaderKey(k string) bool {
	if k == "" {
		return false
	}
	for _, c := range k {
		ok := c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.ContainsRune("!#$%&'*+-.^_`|~", c))
		if !ok {
			return false
		}
	}
	return true
}

// tlsConfig reads the CA and client certificate files, if any are named.
func (e *env) tlsConfig(readFile func(string) ([]byte, error)) *tls.Config {
	var cfg tls.Config
	if f, ok := e.either("CERTIFICATE"); ok {
		pem, err := readFile(f)
		pool := x509.NewCertPool()
		if err != nil || !pool.AppendCertsFromPEM(pem) {
			e.warn("OTLP certificate " + f + " cannot be read as PEM; using the system's roots")
		} else {
			cfg.RootCAs = pool
		}
	}
	certFile, okC := e.either("CLIENT_CERTIFICATE")
	keyFile, okK := e.either("CLIENT_KEY")
	if okC && okK {
		certPEM, err1 := readFile(certFile)
		keyPEM, err2 := readFile(keyFile)
		cert, err := tls.X509KeyPair(certPEM, keyPEM)
		if err1 != nil || err2 != nil || err != nil {
			e.warn("OTLP client certificate " + certFile + " / key " + keyFile + " cannot be loaded; not using one")
		} else {
			cfg.Certificates = []tls.Certificate{cert}
		}
	}
	if cfg.RootCAs == nil && cfg.Certificates == nil {
		return nil
	}
	return &cfg
}
