namespace Enswitch.Client.Testing.Internal;

/// <summary>The JSON type of a field in the guide's example answer.</summary>
internal enum FieldType
{
    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A string.</summary>
    String,

    /// <summary>Any number.</summary>
    Number,

    /// <summary><see langword="true"/> or <see langword="false"/>.</summary>
    Boolean,

    /// <summary>An object.</summary>
    Object,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A number, or a string where an id arrives as one.</summary>
    IntegerOrString,
}
