package main

import (
	"fmt"

	"github.com/google/uuid"
	incus "github.com/lxc/incus/v7/client"
	"github.com/lxc/incus/v7/shared/api"
	"github.com/spf13/cobra"
)

func main() {
	var _ incus.InstanceServer
	var _ api.Instance
	_ = uuid.New()
	_ = &cobra.Command{}
	fmt.Println("iab")
}
