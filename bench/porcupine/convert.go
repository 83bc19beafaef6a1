package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// convertEtcd prints a Jepsen log of Porcupine's test data (lines "INFO jepsen.util - P\t:type\t:f\tvalue")
// as EDN op maps. A read that timed out (":fail :read :timed-out") is a failed read; ops that
// never complete are left without a completion (both tools treat them as crashed).
func convertEtcd(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("convert-etcd needs one log file")
	}
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	line := regexp.MustCompile(`^INFO\s+jepsen\.util\s+-\s+(\d+)\s+:(\w+)\s+:(\w+)\s+(.*)$`)
	invoked := map[string]string{} // process -> the invocation's value
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	scanner := bufio.NewScanner(f)
	for n := 1; scanner.Scan(); n++ {
		m := line.FindStringSubmatch(strings.TrimSpace(scanner.Text()))
		if m == nil {
			continue
		}
		proc, typ, fn, value := m[1], m[2], m[3], m[4]
		switch {
		case typ == "invoke":
			invoked[proc] = value
		case value == ":timed-out":
			value = invoked[proc] // crashed or failed: the completion repeats the invocation
		}
		fmt.Fprintf(out, "{:process %s, :type :%s, :f :%s, :value %s}\n", proc, typ, fn, value)
	}
	return scanner.Err()
}
