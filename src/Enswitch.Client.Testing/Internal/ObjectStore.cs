namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// The objects of one category (for example <c>customers</c>) that the functions served from the catalogue
/// create, read, change and delete. Each operation runs under one lock, so that a check and the change it
/// guards (a duplicate key, an update of an object being deleted) cannot interleave.
/// </summary>
internal sealed class ObjectStore
{
    private readonly object _sync = new();
    private readonly SortedDictionary<long, EmulatedObject> _objects = [];

    public ObjectStore(string category) => Category = category;

    public string Category { get; }

    /// <summary>Returns the objects in id order.</summary>
    public List<EmulatedObject> Snapshot()
    {
        lock (_sync)
        {
            return [.. _objects.Values];
        }
    }

    /// <summary>Returns the first object (in id order) that has every given value, or <see langword="null"/>.</summary>
    public EmulatedObject? Find(IReadOnlyList<KeyValuePair<string, string>> criteria)
    {
        lock (_sync)
        {
            return _objects.Values.FirstOrDefault(o => o.Matches(criteria));
        }
    }

    /// <summary>
    /// Stores a new object with the next id, unless one already has every value of <paramref name="unique"/>
    /// (when it is not empty): then nothing is stored and <see langword="null"/> returned.
    /// </summary>
    public EmulatedObject? Add(IEnumerable<KeyValuePair<string, string>> fields, IReadOnlyList<KeyValuePair<string, string>> unique, Func<long> nextId)
    {
        lock (_sync)
        {
            if (unique.Count > 0 && _objects.Values.Any(o => o.Matches(unique)))
            {
                return null;
            }

            var created = new EmulatedObject(Category, nextId(), fields);
            _objects[created.Id] = created;
            return created;
        }
    }

    /// <summary>Changes the fields of the first object matching <paramref name="criteria"/>; returns it changed, or <see langword="null"/> when none matches.</summary>
    public EmulatedObject? Update(IReadOnlyList<KeyValuePair<string, string>> criteria, IEnumerable<KeyValuePair<string, string>> changes)
    {
        lock (_sync)
        {
            if (_objects.Values.FirstOrDefault(o => o.Matches(criteria)) is not { } current)
            {
                return null;
            }

            var updated = current.With(changes);
            _objects[updated.Id] = updated;
            return updated;
        }
    }

    /// <summary>Changes the object matching <paramref name="criteria"/>, or stores a new one when none does.</summary>
    public EmulatedObject Set(IReadOnlyList<KeyValuePair<string, string>> criteria, IReadOnlyList<KeyValuePair<string, string>> fields, Func<long> nextId)
    {
        lock (_sync)
        {
            return Update(criteria, fields) ?? Add(fields, [], nextId)!;
        }
    }

    /// <summary>Removes the first object matching <paramref name="criteria"/>; returns whether one did.</summary>
    public bool Remove(IReadOnlyList<KeyValuePair<string, string>> criteria)
    {
        lock (_sync)
        {
            return _objects.Values.FirstOrDefault(o => o.Matches(criteria)) is { } found && _objects.Remove(found.Id);
        }
    }
}
