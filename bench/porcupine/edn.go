// A reader for the subset of EDN that Jepsen histories use: nil, booleans, integers, strings,
// keywords, symbols, vectors, lists, sets and maps, with ';' comments and commas as
// whitespace. Tagged literals (#jepsen.independent/tuple [k v]) keep the tagged form.
package main

import (
	"fmt"
	"strconv"
)

type ednKind int

const (
	ednNil ednKind = iota
	ednBool
	ednInt
	ednString
	ednKeyword
	ednSymbol
	ednVector // also lists and sets
	ednMap    // items: key, value, key, value, ...
)

type edn struct {
	kind  ednKind
	num   int64
	text  string // string contents, keyword or symbol name without ':'
	items []edn
}

// get returns the value stored under keyword `name` in a map, or nil.
func (e *edn) get(name string) *edn {
	for i := 0; i+1 < len(e.items); i += 2 {
		if e.items[i].kind == ednKeyword && e.items[i].text == name {
			return &e.items[i+1]
		}
	}
	return nil
}

type ednReader struct {
	src  []byte
	pos  int
	line int
	file string
}

func (r *ednReader) fail(what string) {
	panic(fmt.Errorf("%s:%d: %s", r.file, r.line, what))
}

func (r *ednReader) skipSpace() {
	for r.pos < len(r.src) {
		c := r.src[r.pos]
		switch {
		case c == '\n':
			r.line++
			r.pos++
		case c == ' ' || c == '\t' || c == '\r' || c == ',':
			r.pos++
		case c == ';':
			for r.pos < len(r.src) && r.src[r.pos] != '\n' {
				r.pos++
			}
		default:
			return
		}
	}
}

func (r *ednReader) atEnd() bool {
	r.skipSpace()
	return r.pos >= len(r.src)
}

func isDelimiter(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', ',', '(', ')', '[', ']', '{', '}', '"', ';':
		return true
	}
	return false
}

func (r *ednReader) read() edn {
	r.skipSpace()
	if r.pos >= len(r.src) {
		r.fail("unexpected end of input")
	}
	switch c := r.src[r.pos]; c {
	case '[', '(':
		r.pos++
		return r.readItems(ednVector, map[byte]byte{'[': ']', '(': ')'}[c])
	case '{':
		r.pos++
		return r.readItems(ednMap, '}')
	case '#':
		r.pos++
		if r.pos < len(r.src) && r.src[r.pos] == '{' {
			r.pos++
			return r.readItems(ednVector, '}')
		}
		r.readAtom() // a tag: the tagged form stands for itself
		return r.read()
	case '"':
		return r.readString()
	default:
		return r.readAtom()
	}
}

func (r *ednReader) readItems(kind ednKind, close byte) edn {
	e := edn{kind: kind}
	for {
		r.skipSpace()
		if r.pos >= len(r.src) {
			r.fail(fmt.Sprintf("expected '%c' before end of input", close))
		}
		if r.src[r.pos] == close {
			r.pos++
			return e
		}
		e.items = append(e.items, r.read())
	}
}

func (r *ednReader) readString() edn {
	r.pos++
	var out []byte
	for r.pos < len(r.src) && r.src[r.pos] != '"' {
		c := r.src[r.pos]
		if c == '\\' && r.pos+1 < len(r.src) {
			r.pos++
			c = map[byte]byte{'n': '\n', 't': '\t', 'r': '\r'}[r.src[r.pos]]
			if c == 0 {
				c = r.src[r.pos]
			}
		}
		if c == '\n' {
			r.line++
		}
		out = append(out, c)
		r.pos++
	}
	if r.pos >= len(r.src) {
		r.fail("unterminated string")
	}
	r.pos++
	return edn{kind: ednString, text: string(out)}
}

func (r *ednReader) readAtom() edn {
	start := r.pos
	for r.pos < len(r.src) && !isDelimiter(r.src[r.pos]) {
		r.pos++
	}
	tok := string(r.src[start:r.pos])
	switch {
	case tok == "":
		r.fail(fmt.Sprintf("unexpected '%c'", r.src[r.pos]))
	case tok == "nil":
		return edn{kind: ednNil}
	case tok == "true" || tok == "false":
		return edn{kind: ednBool, text: tok}
	case tok[0] == ':':
		return edn{kind: ednKeyword, text: tok[1:]}
	}
	if n, err := strconv.ParseInt(tok, 10, 64); err == nil {
		return edn{kind: ednInt, num: n}
	}
	return edn{kind: ednSymbol, text: tok}
}

// readOps returns the op maps of a history: one vector of maps, or maps one after another.
func readOps(src []byte, file string) (ops []edn, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = p.(error)
		}
	}()
	r := &ednReader{src: src, line: 1, file: file}
	for !r.atEnd() {
		form := r.read()
		if form.kind == ednVector {
			ops = append(ops, form.items...)
		} else {
			ops = append(ops, form)
		}
	}
	return ops, nil
}
