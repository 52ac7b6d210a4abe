namespace Enswitch.Client.Testing.Internal;

/// <summary>One parameter of a catalogued function.</summary>
/// <param name="Name">The wire name.</param>
/// <param name="Type">The type the guide gives it.</param>
/// <param name="Required">Whether the guide requires it.</param>
/// <param name="Since">The version that added it after the function, or <see langword="null"/> when it came with the function.</param>
internal sealed record CatalogueParameter(string Name, ParameterType Type, ParameterRequirement Required, Version? Since = null);
