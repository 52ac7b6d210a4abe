namespace Enswitch.Client.Testing.Internal;

/// <summary>The type the guide gives a parameter, which decides the 400 for a value that is not of it.</summary>
internal enum ParameterType
{
    /// <summary>Any text.</summary>
    String,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A number with an optional fraction.</summary>
    Decimal,

    /// <summary>An id or a word, such as a customer id or <c>scustomer</c>: any text.</summary>
    IntegerOrString,

    /// <summary>Base64-encoded bytes.</summary>
    Base64,
}
