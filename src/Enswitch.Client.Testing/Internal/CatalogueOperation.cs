namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// What a function served from the catalogue does to the objects of its category, decided by its action word.
/// </summary>
internal enum CatalogueOperation
{
    /// <summary><c>create</c>: stores a new object.</summary>
    Create,

    /// <summary><c>get</c>: answers one stored object.</summary>
    Get,

    /// <summary><c>list</c>, <c>export</c> and <c>list/panel</c>: answer the stored objects as rows.</summary>
    List,

    /// <summary><c>update</c>: changes a stored object.</summary>
    Update,

    /// <summary><c>delete</c>: removes a stored object.</summary>
    Delete,

    /// <summary><c>set</c>: stores an object, replacing the one it identifies.</summary>
    Set,

    /// <summary>Any other action (send, make, import, download, ...): answers its shape and stores nothing.</summary>
    Other,
}
