package check

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/lxc/incus/v7/shared/api"

	"github.com/iab-project/iab/internal/remote"
)

// ErrNotFound is wrapped by Server methods when the object does not exist
// (or the server hides it from IAB's certificate, which Incus reports the
// same way).
var ErrNotFound = errors.New("not found")

// Server is what the preflight reads from one Incus server. It only reads.
type Server interface {
	// Version is the daemon's version, for the report ("" if unknown).
	Version() string
	HasExtension(name string) bool
	// CheckProject returns nil if the project exists and IAB may use it,
	// else an error that explains it (naming the server).
	CheckProject(name string) error
	// Pool returns nil if the storage pool exists, else an error (wrapping
	// ErrNotFound if it does not exist). Asked one pool at a time: a
	// project-restricted certificate may read a pool but not list them.
	Pool(name string) error
	// Instance returns the instance, or an error wrapping ErrNotFound.
	Instance(project, name string) (*api.Instance, error)
	// ProfileNames lists the profiles visible in project (Incus falls back to
	// the default project's profiles when the project does not have its own).
	ProfileNames(project string) ([]string, error)
	// Volume returns the custom volume, or an error wrapping ErrNotFound.
	Volume(project, pool, name string) (*api.StorageVolume, error)
}

// remoteServer adapts a connection from package remote to Server.
type remoteServer struct {
	s *remote.Server
}

// FromRemote makes a Server from a connected remote.Server.
func FromRemote(s *remote.Server) Server { return remoteServer{s: s} }

var _ Server = remoteServer{}

func (r remoteServer) Version() string {
	if info := r.s.Info(); info != nil {
		return info.Environment.ServerVersion
	}
	return ""
}

func (r remoteServer) HasExtension(name string) bool { return r.s.HasExtension(name) }

func (r remoteServer) CheckProject(name string) error { return r.s.CheckProject(name) }

func (r remoteServer) Pool(name string) error {
	_, _, err := r.s.GetStoragePool(name)
	return notFound(err)
}

func (r remoteServer) Instance(project, name string) (*api.Instance, error) {
	inst, _, err := r.s.UseProject(project).GetInstance(name)
	return inst, notFound(err)
}

func (r remoteServer) ProfileNames(project string) ([]string, error) {
	return r.s.UseProject(project).GetProfileNames()
}

func (r remoteServer) Volume(project, pool, name string) (*api.StorageVolume, error) {
	vol, _, err := r.s.UseProject(project).GetStoragePoolVolume(pool, "custom", name)
	return vol, notFound(err)
}

func notFound(err error) error {
	if err != nil && api.StatusErrorCheck(err, http.StatusNotFound) {
		return fmt.Errorf("%w (%v)", ErrNotFound, err)
	}
	return err
}
