package client

import "errors"

var ErrEndpointNotSet = errors.New("endpoint not set")
