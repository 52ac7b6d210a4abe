namespace Enswitch.Client.Transport;

/// <summary>Whether a function takes credentials, as the guide says.</summary>
internal enum FunctionAuthentication
{
    /// <summary>Every call is authenticated.</summary>
    Required,

    /// <summary>The guide runs it without authentication: the SDK sends no credentials.</summary>
    None,

    /// <summary>Credentials are optional (more may be visible with them): the SDK sends them.</summary>
    Optional,

    /// <summary>Credentials are needed unless a parameter says otherwise: the SDK sends them.</summary>
    Conditional,
}
