// Package vendorpin keeps test-only dependencies in go.mod and vendor/
// until the packages that use them exist.
package vendorpin

import (
	_ "github.com/prometheus/common/expfmt"
	_ "github.com/spf13/cobra/doc"
)
