namespace Enswitch.Client.Testing.Internal;

/// <summary>One field of the guide's example answer (an object, or the first row of an array).</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Type">Its JSON type as printed.</param>
internal sealed record CatalogueField(string Name, FieldType Type);
