using System.Runtime.CompilerServices;

// The serialization tests exercise the manifest table and the upcaster chain directly, which
// have no public surface on purpose.
[assembly: InternalsVisibleTo("Domain.Actors.Tests")]
