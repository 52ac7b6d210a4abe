using System.Text.Json;

namespace Enswitch.Client.Transport;

/// <summary>
/// Tracks property names seen in one JSON object so that a repeated name is rejected (faults.md J13):
/// a body with two different <c>id</c> values must not be read as either.
/// </summary>
internal struct PropertyNameSet
{
    private HashSet<string>? _names;

    /// <summary>Records the property name under the reader, or throws if the object already had it.</summary>
    public void Add(ref Utf8JsonReader reader)
    {
        _names ??= new HashSet<string>(StringComparer.Ordinal);
        var name = reader.GetString() ?? string.Empty;
        if (!_names.Add(name))
        {
            throw new EnvelopeFormatException("The response repeats a property name.");
        }
    }
}
