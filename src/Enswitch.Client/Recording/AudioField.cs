using System.Buffers;

namespace Enswitch.Client.Recording;

/// <summary>Where the base64 audio of a wrapped recording lies in the held response body.</summary>
/// <param name="Base64">The string's bytes, between the quotes.</param>
/// <param name="Escaped">Whether the string holds JSON escapes (a server may write <c>/</c> as <c>\/</c>).</param>
/// <param name="Found">Whether the row had an audio field at all.</param>
internal readonly record struct AudioField(ReadOnlySequence<byte> Base64, bool Escaped, bool Found);
