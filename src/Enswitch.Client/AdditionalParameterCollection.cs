using Enswitch.Client.Transport;

namespace Enswitch.Client;

/// <summary>
/// Parameters a typed request sends after its typed ones, for what the SDK's catalogue does not document: a
/// parameter of a newer server, or of a guide page that was cut short. Values are sent as given.
/// </summary>
/// <remarks>
/// A name the function documents is refused (set its typed property instead), and so are the credentials
/// (<c>auth_username</c>, <c>auth_password</c>, <c>auth_token</c>), which the SDK adds itself. Each name may be
/// added once. Use a collection initializer: <c>AdditionalParameters = { { "new_flag", "1" } }</c>.
/// </remarks>
public sealed class AdditionalParameterCollection : IReadOnlyCollection<KeyValuePair<string, string>>
{
    private readonly string _function;
    private List<KeyValuePair<string, string>>? _items;

    // The documented names are the function's descriptor's; a request that adds nothing allocates nothing more.
    internal AdditionalParameterCollection(string function) => _function = function;

    /// <summary>Gets how many parameters were added.</summary>
    public int Count => _items?.Count ?? 0;

    /// <summary>Adds a parameter to send after the typed ones.</summary>
    /// <param name="name">The wire name, such as <c>new_flag</c>.</param>
    /// <param name="value">The value, sent as given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The name is empty, a credential, documented for the function (use its typed property), or added already.
    /// </exception>
    public void Add(string name, string value)
    {
        RawCall.CheckParameter(name, value, nameof(name));
        if (name == "validation")
        {
            throw new ArgumentException("'validation' is not sent as an additional parameter: call the request's Validate method, which accepts only the server's 201.", nameof(name));
        }

        if (FunctionCatalogue.TryGet(_function, out var catalogued) && catalogued.DocumentedParameters.Contains(name))
        {
            throw new ArgumentException($"'{name}' is a documented parameter of this function; set its typed property instead.", nameof(name));
        }

        _items ??= [];
        foreach (var item in _items)
        {
            if (item.Key == name)
            {
                throw new ArgumentException($"'{name}' was added already; a server may read only the first of repeated names.", nameof(name));
            }
        }

        _items.Add(new(name, value));
    }

    /// <summary>Returns an enumerator over the parameters in the order they were added.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => (_items ?? []).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    internal void CopyTo(EnswitchParameters wire)
    {
        foreach (var (name, value) in _items ?? [])
        {
            wire.Add(name, value);
        }
    }
}
