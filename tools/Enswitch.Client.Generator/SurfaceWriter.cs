using System.Globalization;
using System.Text;

namespace Enswitch.Client.Generator;

/// <summary>
/// Writes the typed surface of every catalogued function that is not typed by hand: per function its request and
/// result types, per client path an interface and a client, the category properties of <c>IEnswitchClient</c>, the
/// dependency-injection registrations, the JSON source-generation context, and the public API list of all of it.
/// </summary>
internal sealed class SurfaceWriter
{
    public const string Folder = "src/Enswitch.Client/Generated";

    private const string Ct = "System.Threading.CancellationToken cancellationToken = default(System.Threading.CancellationToken)";

    // Every method takes the call's own options just before its token, in the code and in the public API list.
    private const string Options = ", EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default)";
    private const string ApiOptions = "Enswitch.Client.EnswitchRequestOptions? options = null, " + Ct;
    private const string OptionsDoc = "    /// <param name=\"options\">Settings for this call only (timeouts, retries, response cap), or <see langword=\"null\"/> for the client's.</param>\n";

    private readonly Catalogue _catalogue;
    private readonly List<(string RelativePath, string Text)> _files = [];
    private readonly List<string> _api = [];

    private SurfaceWriter(Catalogue catalogue) => _catalogue = catalogue;

    /// <summary>The default number of rows a ListAllAsync page asks for.</summary>
    public const int DefaultPageSize = 100;

    public static List<(string RelativePath, string Text)> Write(Catalogue catalogue)
    {
        var writer = new SurfaceWriter(catalogue);
        writer.WriteAll();
        return writer._files;
    }

    private IEnumerable<CatalogueFunction> Typed => _catalogue.Functions.Where(f => !f.HandWritten).OrderBy(f => f.Name, StringComparer.Ordinal);

    private void WriteAll()
    {
        foreach (var function in Typed)
        {
            WriteFunction(function);
        }

        var handWrittenPaths = _catalogue.Functions.Where(f => f.HandWritten).Select(f => f.Client).ToHashSet(StringComparer.Ordinal);
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var function in Typed)
        {
            var parts = function.Client.Split('.');
            for (var i = 1; i <= parts.Length; i++)
            {
                paths.Add(string.Join('.', parts.Take(i)));
            }
        }

        paths.ExceptWith(handWrittenPaths);
        foreach (var path in paths)
        {
            var children = paths.Where(p => p.StartsWith(path + ".", StringComparison.Ordinal) && p.Count(c => c == '.') == path.Count(c => c == '.') + 1).ToList();
            var functions = Typed.Where(f => f.Client == path).ToList();
            WriteClient(path, children, functions);
        }

        var tops = paths.Where(p => !p.Contains('.', StringComparison.Ordinal)).ToList();
        WriteRoot(tops, paths);
        _api.Sort(StringComparer.Ordinal);
        _files.Add(($"{Folder}/PublicAPI.Unshipped.Generated.txt", "#nullable enable\n" + string.Join("\n", _api.Distinct(StringComparer.Ordinal)) + "\n"));
    }

    private static string Ns(string path) => "Enswitch.Client." + path.Split('.')[0];

    private static string Full(string ns, string type) => ns + "." + type;

    private static string Top(string path) => path.Split('.')[0];

    // ---------------------------------------------------------------- requests and results

    private void WriteFunction(CatalogueFunction function)
    {
        var ns = function.Namespace;
        var text = new StringBuilder(CSharp.Header);
        text.Append("\nusing Enswitch.Client.Transport;\n\nnamespace ").Append(ns).Append(";\n");
        WriteRequest(text, function);
        WriteResult(text, function);
        _files.Add(($"{Folder}/{Top(function.Client)}/{function.Request}.g.cs", text.ToString()));
    }

    private static IEnumerable<CatalogueParameter> Properties(CatalogueFunction function) => function.Parameters.Where(p => p.Name != "validation");

    private void WriteRequest(StringBuilder text, CatalogueFunction function)
    {
        var ns = function.Namespace;
        var type = function.Request;
        var full = Full(ns, type);
        var required = Properties(function).Where(p => p.IsRequired).ToList();
        _api.Add(full);

        text.Append("\n/// <summary>The parameters of <c>").Append(function.Name).Append("</c>: ").Append(CSharp.Sentence(function.Summary)).Append("</summary>\n")
            .Append("/// <remarks>\n/// Optional properties left <see langword=\"null\"/> are not sent, so the server applies its default; required ones are\n")
            .Append("/// constructor parameters. Parameters the catalogue does not document go in <see cref=\"AdditionalParameters\"/>.");
        if (function.Truncated)
        {
            text.Append("\n/// The guide's page was cut short, so the function may take parameters listed nowhere in the catalogue; send them\n/// through <see cref=\"AdditionalParameters\"/>.");
        }

        text.Append("\n/// </remarks>\npublic sealed partial class ").Append(type).Append("\n{\n");

        // Constructor.
        text.Append("    /// <summary>Initializes a new instance of the <see cref=\"").Append(type).Append("\"/> class").Append(required.Count == 0 ? "; every parameter is optional" : " with the parameters the function requires").Append(".</summary>\n");
        foreach (var parameter in required)
        {
            text.Append("    /// <param name=\"").Append(CSharp.Camel(parameter.CSharp).TrimStart('@')).Append("\">").Append(ParameterSummary(parameter)).Append("</param>\n");
        }

        if (required.Any(p => CSharp.ParameterType(p) == "string"))
        {
            text.Append("    /// <exception cref=\"ArgumentNullException\">A required string is <see langword=\"null\"/>.</exception>\n");
        }

        text.Append("    public ").Append(type).Append('(').Append(string.Join(", ", required.Select(p => CSharp.ParameterType(p) + " " + CSharp.Camel(p.CSharp)))).Append(")\n    {\n");
        foreach (var parameter in required)
        {
            var name = CSharp.Camel(parameter.CSharp);
            if (CSharp.ParameterType(parameter) == "string")
            {
                text.Append("        ArgumentNullException.ThrowIfNull(").Append(name).Append(");\n");
            }

            text.Append("        ").Append(parameter.CSharp).Append(" = ").Append(name).Append(";\n");
        }

        text.Append("    }\n");
        _api.Add($"{full}.{type}({string.Join(", ", required.Select(p => CSharp.ApiParameterType(p) + " " + CSharp.Camel(p.CSharp).TrimStart('@')))}) -> void");

        foreach (var parameter in Properties(function))
        {
            text.Append("\n    /// <summary>").Append(parameter.IsRequired ? "Gets " : "Gets or sets ").Append(ParameterSummary(parameter)).Append("</summary>\n")
                .Append("    /// <remarks>").Append(ParameterRemarks(function, parameter)).Append("</remarks>\n")
                .Append("    public ").Append(CSharp.ParameterType(parameter)).Append(' ').Append(parameter.CSharp).Append(parameter.IsRequired ? " { get; }\n" : " { get; set; }\n");
            _api.Add($"{full}.{parameter.CSharp}.get -> {CSharp.ApiParameterType(parameter)}");
            if (!parameter.IsRequired)
            {
                _api.Add($"{full}.{parameter.CSharp}.set -> void");
            }
        }

        text.Append("\n    /// <summary>Gets the parameters to send that the catalogue does not document for <c>").Append(function.Name).Append("</c>, after the typed ones.</summary>\n")
            .Append("    /// <remarks>Naming a documented parameter or a credential is refused with an <see cref=\"ArgumentException\"/>.</remarks>\n")
            .Append("    public AdditionalParameterCollection AdditionalParameters { get; } = new(").Append(CSharp.Literal(function.Name)).Append(");\n");
        _api.Add($"{full}.AdditionalParameters.get -> Enswitch.Client.AdditionalParameterCollection!");

        // Wire form.
        var window = function.Pages;
        text.Append("\n    /// <summary>Returns the wire parameters in the guide's order").Append(window ? "; without <c>limit</c> and <c>offset</c> when <paramref name=\"window\"/> is false" : string.Empty).Append(".</summary>\n")
            .Append("    internal EnswitchParameters ToParameters(").Append(window ? "bool window = true" : string.Empty).Append(")\n    {\n")
            .Append("        var wire = new EnswitchParameters();\n");
        foreach (var parameter in Properties(function))
        {
            var add = $"wire.Add({CSharp.Literal(parameter.Name)}, {parameter.CSharp});";
            text.Append(window && parameter.Name is "limit" or "offset" ? $"        if (window)\n        {{\n            {add}\n        }}\n\n" : $"        {add}\n");
        }

        text.Append("        AdditionalParameters.CopyTo(wire);\n        return wire;\n    }\n}\n");
    }

    private static string ParameterSummary(CatalogueParameter parameter)
    {
        var doc = parameter.Doc.Trim().TrimEnd('.');
        if (doc.Length == 0)
        {
            return $"the value of <c>{parameter.Name}</c>.";
        }

        // "Start of period" reads on as "start of period"; "COS when..." and "PMS gateway" keep their capitals.
        var first = doc.Length > 1 && char.IsUpper(doc[1]) ? doc : char.ToLowerInvariant(doc[0]) + doc[1..];
        return $"<c>{parameter.Name}</c>: " + CSharp.Xml(first) + ".";
    }

    private static string ParameterRemarks(CatalogueFunction function, CatalogueParameter parameter)
    {
        var remarks = new List<string>();
        remarks.Add(parameter.Required switch
        {
            "yes" => "Required.",
            "recommended" => "Optional, but the guide recommends setting it.",
            "conditional" => "Required " + (parameter.Condition is { Length: > 0 } condition ? "when: " + CSharp.Sentence(condition) : "in some cases the guide describes."),
            _ => "Optional.",
        });
        if (!parameter.IsRequired && parameter.Default is { Length: > 0 } value)
        {
            remarks.Add("The server's default: " + CSharp.Sentence(value));
        }

        if (parameter.Type == "base64")
        {
            remarks.Add("The SDK sends the bytes base64-encoded.");
        }

        if (parameter.Type == "integer-or-string")
        {
            remarks.Add("An id or one of the words the guide names.");
        }

        if (parameter.Secret)
        {
            remarks.Add("A secret: never logged or quoted in an exception.");
        }

        remarks.Add("Since Enswitch " + (parameter.Since ?? function.Since) + (parameter.Since is null && function.SinceInferred ? " or earlier" : string.Empty) + ".");
        return string.Join(" ", remarks);
    }

    private void WriteResult(StringBuilder text, CatalogueFunction function)
    {
        if (function.Result is not { } type)
        {
            return;
        }

        var ns = function.Namespace;
        var full = Full(ns, type);
        switch (function.Shape)
        {
            case "id":
            case "count":
                var property = function.Shape == "id" ? "Id" : "Count";
                var what = function.Shape == "id" ? "The id of the new object, as the server returned it in <c>data.id</c>." : "How many the server counted, as it returned it in <c>data.count</c>.";
                text.Append("\n/// <summary>The result of <c>").Append(function.Name).Append("</c>.</summary>\n")
                    .Append("/// <param name=\"").Append(property).Append("\">").Append(what).Append("</param>\n")
                    .Append("public sealed record ").Append(type).Append("(long ").Append(property).Append(");\n");
                _api.AddRange(
                [
                    full,
                    $"{full}.<Clone>$() -> {full}!",
                    $"{full}.{type}(long {property}) -> void",
                    $"{full}.Deconstruct(out long {property}) -> void",
                    $"{full}.Equals({full}? other) -> bool",
                    $"{full}.{property}.get -> long",
                    $"{full}.{property}.init -> void",
                    $"override {full}.Equals(object? obj) -> bool",
                    $"override {full}.GetHashCode() -> int",
                    $"override {full}.ToString() -> string!",
                    $"static {full}.operator !=({full}? left, {full}? right) -> bool",
                    $"static {full}.operator ==({full}? left, {full}? right) -> bool",
                ]);
                break;
            case "object":
            case "array":
                var noun = function.Shape == "array" ? "One row of what <c>" + function.Name + "</c> lists" : "What <c>" + function.Name + "</c> answers";
                text.Append("\n/// <summary>").Append(noun).Append(function.Fields.Count > 0
                        ? ": the fields the guide's example shows, typed, and any others in <see cref=\"AdditionalFields\"/>.</summary>\n"
                        : ". The guide shows no example answer, so every field is in <see cref=\"AdditionalFields\"/>.</summary>\n")
                    .Append("/// <remarks>A field the answer lacks is <see langword=\"null\"/>; a number sent as a string is read as a number, and a number or boolean where text is typed is kept as its text (<c>true</c> as <c>1</c>).</remarks>\n")
                    .Append("public sealed partial class ").Append(type).Append("\n{\n");
                _api.Add(full);
                _api.Add($"{full}.{type}() -> void");
                var read = new StringBuilder();
                var built = new StringBuilder();
                var locals = new StringBuilder();
                var names = new StringBuilder();
                for (var i = 0; i < function.Fields.Count; i++)
                {
                    var field = function.Fields[i];
                    var name = CSharp.FieldProperty(field, type);
                    var integer = field.Type == "integer";
                    var local = "field" + i.ToString(CultureInfo.InvariantCulture);
                    var wire = CSharp.Literal(field.Name);
                    text.Append("    /// <summary>Gets the <c>").Append(CSharp.Xml(field.Name)).Append("</c> field, or <see langword=\"null\"/> when the answer lacks it.</summary>\n")
                        .Append("    [global::System.Text.Json.Serialization.JsonPropertyName(").Append(wire).Append(")]\n")
                        .Append("    public ").Append(integer ? "long?" : "string?").Append(' ').Append(name).Append(" { get; init; }\n\n");
                    _api.Add($"{full}.{name}.get -> {(integer ? "long?" : "string?")}");
                    _api.Add($"{full}.{name}.init -> void");
                    locals.Append("        ").Append(integer ? "long?" : "string?").Append(' ').Append(local).Append(" = null;\n");
                    read.Append(i == 0 ? "            if" : "            else if").Append(" (reader.ValueTextEquals(").Append(wire).Append("u8))\n            {\n")
                        .Append("                ").Append(local).Append(" = JsonFields.").Append(integer ? "Int64" : "Text").Append("(ref reader, ref seen, ")
                        .Append((1 << i).ToString(CultureInfo.InvariantCulture)).Append(", ").Append(wire).Append(");\n            }\n");
                    built.Append(i == 0 ? " " : ", ").Append(name).Append(" = ").Append(local);
                    names.Append(i == 0 ? string.Empty : ", ").Append(wire);
                }

                read.Append(function.Fields.Count > 0 ? "            else\n            {\n    " : string.Empty)
                    .Append("            JsonFields.SkipExtra(ref reader, ref extra);\n")
                    .Append(function.Fields.Count > 0 ? "            }\n" : string.Empty);

                text.Append("    /// <summary>Gets the fields the catalogue does not list for this answer, as the server sent them.</summary>\n")
                    .Append("    [global::System.Text.Json.Serialization.JsonIgnore]\n")
                    .Append("    public IReadOnlyDictionary<string, global::System.Text.Json.JsonElement> AdditionalFields => (IReadOnlyDictionary<string, global::System.Text.Json.JsonElement>?)ExtensionData ?? JsonFields.None;\n\n")
                    .Append("    /// <summary>Gets or sets the fields the reader found beyond the typed ones, or <see langword=\"null\"/> when there were none.</summary>\n")
                    .Append("    [global::System.Text.Json.Serialization.JsonExtensionData]\n")
                    .Append("    [global::System.Text.Json.Serialization.JsonInclude]\n")
                    .Append("    internal Dictionary<string, global::System.Text.Json.JsonElement>? ExtensionData { get; set; }\n\n")
                    .Append("    /// <summary>Gets the reader of this type: its typed fields in one pass, and the names it types.</summary>\n")
                    .Append("    internal static RowReader<").Append(type).Append("> Reader { get; } = new(Read, [").Append(names).Append("], static () => new ").Append(type).Append("(), static (value, extra) => value.ExtensionData = extra);\n\n")
                    .Append("    private static ").Append(type).Append(" Read(ref global::System.Text.Json.Utf8JsonReader reader, ref bool extra)\n    {\n")
                    .Append(function.Fields.Count > 0 ? "        var seen = 0;\n" : string.Empty)
                    .Append(locals)
                    .Append("        while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)\n        {\n")
                    .Append(read)
                    .Append("        }\n\n")
                    .Append("        return new ").Append(type).Append(function.Fields.Count > 0 ? " {" + built + " };\n" : "();\n")
                    .Append("    }\n")
                    .Append("}\n");
                _api.Add($"{full}.AdditionalFields.get -> System.Collections.Generic.IReadOnlyDictionary<string!, System.Text.Json.JsonElement>!");
                break;
        }
    }

    // ---------------------------------------------------------------- clients

    private static string ReturnType(CatalogueFunction function, bool api)
    {
        var ns = function.Namespace;
        var result = function.Result is { } r ? (api ? Full(ns, r) : r) : null;
        return (function.Shape, api) switch
        {
            ("none", false) => "Task",
            ("none", true) => "System.Threading.Tasks.Task!",
            ("strings", false) => "Task<IReadOnlyList<string>>",
            ("strings", true) => "System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<string!>!>!",
            ("array", false) => $"Task<IReadOnlyList<{result}>>",
            ("array", true) => $"System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<{result}!>!>!",
            (_, false) => $"Task<{result}>",
            (_, true) => $"System.Threading.Tasks.Task<{result}!>!",
        };
    }

    private static bool OptionalRequest(CatalogueFunction function) => !Properties(function).Any(p => p.IsRequired);

    private static string RequestParameter(CatalogueFunction function) =>
        OptionalRequest(function) ? $"{function.Request}? request = null" : $"{function.Request} request";

    private static string ApiRequestParameter(CatalogueFunction function) =>
        OptionalRequest(function) ? $"{Full(function.Namespace, function.Request)}? request = null" : $"{Full(function.Namespace, function.Request)}! request";

    private void WriteClient(string path, List<string> children, List<CatalogueFunction> functions)
    {
        var ns = Ns(path);
        var clientType = CSharp.ClientType(path);
        var interfaceType = "I" + clientType;
        var fullInterface = Full(ns, interfaceType);
        var wirePath = WirePath(path);
        _api.Add(fullInterface);

        var contract = new StringBuilder(CSharp.Header);
        contract.Append("\nnamespace ").Append(ns).Append(";\n\n")
            .Append("/// <summary>The <c>").Append(wirePath).Append("/*</c> functions").Append(functions.Count == 0 ? ", through the clients of their subcategories" : string.Empty).Append(".</summary>\n")
            .Append("public partial interface ").Append(interfaceType).Append("\n{\n");
        var client = new StringBuilder(CSharp.Header);
        client.Append("\nusing Enswitch.Client.Transport;\n\nnamespace ").Append(ns).Append(";\n\n")
            .Append("/// <summary>The default <see cref=\"").Append(interfaceType).Append("\"/>: each method calls its function through the SDK's transport.</summary>\n")
            .Append("internal sealed partial class ").Append(clientType).Append(" : ").Append(interfaceType).Append("\n{\n");

        foreach (var function in functions)
        {
            client.Append("    private static readonly CataloguedCall ").Append(function.Method).Append("Call = CataloguedCall.For(").Append(CSharp.Literal(function.Name)).Append(");\n");
            var reader = function.Shape switch
            {
                "id" => $"DataReader.IdReader(static id => new {function.Result}(id))",
                "count" => $"DataReader.CountReader(static count => new {function.Result}(count))",
                "object" => $"JsonData.Object({function.Result}.Reader)",
                "array" => $"JsonData.Rows({function.Result}.Reader)",
                "strings" => "JsonData.Strings",
                _ => null,
            };
            if (reader is not null)
            {
                var readerType = function.Shape switch
                {
                    "array" => $"IReadOnlyList<{function.Result}>",
                    "strings" => "IReadOnlyList<string>",
                    _ => function.Result,
                };
                client.Append("    private static readonly ResponseReader<").Append(readerType).Append("> ").Append(function.Method).Append("Reader = ").Append(reader).Append(";\n");
            }
        }

        client.Append("\n    private readonly EnswitchTransport _transport;\n");
        foreach (var child in children)
        {
            client.Append("    private global::").Append(Ns(child)).Append(".I").Append(CSharp.ClientType(child)).Append("? _").Append(char.ToLowerInvariant(Leaf(child)[0])).Append(Leaf(child)[1..]).Append(";\n");
        }

        client.Append("\n    /// <summary>Initializes a new instance of the <see cref=\"").Append(clientType).Append("\"/> class over a transport.</summary>\n")
            .Append("    internal ").Append(clientType).Append("(EnswitchTransport transport) => _transport = transport;\n");

        foreach (var child in children)
        {
            var leaf = Leaf(child);
            var childInterface = "global::" + Ns(child) + ".I" + CSharp.ClientType(child);
            contract.Append("    /// <summary>Gets the client for the <c>").Append(WirePath(child)).Append("/*</c> functions.</summary>\n")
                .Append("    ").Append(childInterface).Append(' ').Append(leaf).Append(" { get; }\n\n");
            client.Append("\n    /// <inheritdoc/>\n    public ").Append(childInterface).Append(' ').Append(leaf).Append(" => _").Append(char.ToLowerInvariant(leaf[0])).Append(leaf[1..])
                .Append(" ??= new global::").Append(Ns(child)).Append('.').Append(CSharp.ClientType(child)).Append("(_transport);\n");
            _api.Add($"{fullInterface}.{leaf}.get -> {Ns(child)}.I{CSharp.ClientType(child)}!");
        }

        foreach (var function in functions)
        {
            WriteMethods(contract, client, function, fullInterface);
        }

        TrimTrailingBlank(contract);
        contract.Append("}\n");
        client.Append("}\n");
        var folder = $"{Folder}/{Top(path)}";
        _files.Add(($"{folder}/{interfaceType}.g.cs", contract.ToString()));
        _files.Add(($"{folder}/{clientType}.g.cs", client.ToString()));
    }

    private static void TrimTrailingBlank(StringBuilder text)
    {
        while (text.Length > 2 && text[^1] == '\n' && text[^2] == '\n')
        {
            text.Length--;
        }
    }

    private void WriteMethods(StringBuilder contract, StringBuilder client, CatalogueFunction function, string fullInterface)
    {
        var method = function.Method + "Async";
        var returns = ReturnType(function, api: false);
        var optional = OptionalRequest(function);

        // The call.
        Doc(contract, function, function.Summary, Returns(function));
        contract.Append("    ").Append(returns).Append(' ').Append(method).Append('(').Append(RequestParameter(function)).Append(Options).Append(";\n\n");
        _api.Add($"{fullInterface}.{method}({ApiRequestParameter(function)}, {ApiOptions}) -> {ReturnType(function, api: true)}");
        client.Append("\n    /// <inheritdoc/>\n    public ").Append(returns).Append(' ').Append(method).Append('(').Append(RequestParameter(function)).Append(Options).Append("\n    {\n");
        client.Append(optional ? "        request ??= new();\n" : "        ArgumentNullException.ThrowIfNull(request);\n");
        var reader = function.Shape == "none" ? "Envelopes.CompletedReader" : function.Method + "Reader";
        client.Append("        return ").Append(function.Method).Append("Call.InvokeAsync(_transport, request.ToParameters(), ").Append(reader).Append(", options, cancellationToken);\n    }\n");

        // Validation only.
        if (function.AcceptsValidation)
        {
            var validate = "Validate" + function.Method + "Async";
            contract.Append("    /// <summary>Asks the server to check the parameters of <c>").Append(function.Name).Append("</c> without applying them (<c>validation=1</c>); completes on code 201.</summary>\n")
                .Append("    /// <remarks>Nothing is written, so the check is retried after transient failures. A server that ignores validation and answers 200 or 204 has applied the call: that fails with <see cref=\"EnswitchProtocolException\"/> saying it may have been applied.</remarks>\n")
                .Append("    /// <param name=\"request\">The parameters to check.</param>\n")
                .Append(OptionsDoc)
                .Append("    /// <param name=\"cancellationToken\">A token that cancels the call.</param>\n")
                .Append("    /// <returns>A task that completes when the server accepted the parameters.</returns>\n")
                .Append("    /// <exception cref=\"InvalidParameterException\">A parameter is invalid (code 400); its <see cref=\"EnswitchApiException.Key\"/> names it.</exception>\n")
                .Append("    /// <exception cref=\"EnswitchException\">The call failed; see the subclasses.</exception>\n")
                .Append("    Task ").Append(validate).Append('(').Append(RequestParameter(function)).Append(Options).Append(";\n\n");
            _api.Add($"{fullInterface}.{validate}({ApiRequestParameter(function)}, {ApiOptions}) -> System.Threading.Tasks.Task!");
            client.Append("\n    /// <inheritdoc/>\n    public Task ").Append(validate).Append('(').Append(RequestParameter(function)).Append(Options).Append("\n    {\n")
                .Append(optional ? "        request ??= new();\n" : "        ArgumentNullException.ThrowIfNull(request);\n")
                .Append("        return ").Append(function.Method).Append("Call.ValidateAsync(_transport, request.ToParameters(), options, cancellationToken);\n    }\n");
        }

        // Every page.
        if (function.Pages)
        {
            var all = function.Method + "AllAsync";
            var row = function.Result!;
            contract.Append("    /// <summary>Lists everything <c>").Append(function.Name).Append("</c> matches, page by page (<c>limit</c> and <c>offset</c>), so that no answer grows past <see cref=\"EnswitchClientOptions.MaxResponseBytes\"/>.</summary>\n")
                .Append("    /// <remarks>\n    /// Pages are fetched as the caller enumerates, each a read retried on its own. The request's <c>Offset</c> is where the\n")
                .Append("    /// first page starts and its <c>Limit</c>, when positive, caps how many rows are returned in all. Rows added or removed\n")
                .Append("    /// while paging may shift later pages, as with any offset paging. A server that ignores <c>limit</c> and answers more\n")
                .Append("    /// rows than a page asked for has sent everything: those rows are returned and no further page is asked for.\n    /// </remarks>\n")
                .Append("    /// <param name=\"request\">The filters").Append(optional ? ", or <see langword=\"null\"/> for none" : string.Empty).Append(".</param>\n")
                .Append("    /// <param name=\"pageSize\">How many rows each page asks for, 1 to 10000.</param>\n")
                .Append("    /// <param name=\"options\">Settings for each page's call (timeouts, retries, response cap), or <see langword=\"null\"/> for the client's.</param>\n")
                .Append("    /// <param name=\"cancellationToken\">A token that cancels the enumeration.</param>\n")
                .Append("    /// <returns>The rows, in the server's order.</returns>\n")
                .Append("    /// <exception cref=\"ArgumentOutOfRangeException\"><paramref name=\"pageSize\"/> is outside 1 to 10000; nothing was sent.</exception>\n")
                .Append("    /// <exception cref=\"ArgumentException\">A value of <paramref name=\"options\"/> is out of bounds; nothing was sent.</exception>\n")
                .Append("    /// <exception cref=\"EnswitchException\">A page failed; see the subclasses.</exception>\n")
                .Append("    IAsyncEnumerable<").Append(row).Append("> ").Append(all).Append('(').Append(RequestParameter(function)).Append(", int pageSize = ").Append(DefaultPageSize.ToString(CultureInfo.InvariantCulture)).Append(Options).Append(";\n\n");
            _api.Add($"{fullInterface}.{all}({ApiRequestParameter(function)}, int pageSize = {DefaultPageSize}, {ApiOptions}) -> System.Collections.Generic.IAsyncEnumerable<{Full(function.Namespace, row)}!>!");
            client.Append("\n    /// <inheritdoc/>\n    public IAsyncEnumerable<").Append(row).Append("> ").Append(all).Append('(').Append(RequestParameter(function)).Append(", int pageSize = ").Append(DefaultPageSize.ToString(CultureInfo.InvariantCulture)).Append(Options).Append("\n    {\n")
                .Append(optional ? "        request ??= new();\n" : "        ArgumentNullException.ThrowIfNull(request);\n")
                .Append("        return Paging.ListAllAsync(").Append(function.Method).Append("Call, _transport, request.ToParameters(window: false), request.Offset, request.Limit, pageSize, ").Append(function.Method).Append("Reader, options, cancellationToken);\n    }\n");
        }
    }

    private static string Returns(CatalogueFunction function) => function.Shape switch
    {
        "none" => $"A task that completes when the server answered {function.SuccessCode}.",
        "id" => "The id of the new object.",
        "count" => "The count the server answered.",
        "array" => "The rows the server answered, typed.",
        "strings" => "The values the server answered, as text.",
        _ => "The object the server answered, typed.",
    };

    private static void Doc(StringBuilder contract, CatalogueFunction function, string summary, string returns)
    {
        contract.Append("    /// <summary>").Append(CSharp.Sentence(summary)).Append(" Calls <c>").Append(function.Name).Append("</c>.</summary>\n")
            .Append("    /// <remarks>\n    /// <para>").Append(CSharp.Xml(CSharp.KindText(function)));
        if (function.KindReason is { Length: > 0 } reason)
        {
            contract.Append(" Why: ").Append(CSharp.Sentence(reason));
        }

        contract.Append("</para>\n    /// <para>");
        contract.Append(function.Roles.Count > 0 ? "Roles (any one): " + string.Join(", ", function.Roles) + ". " : string.Empty)
            .Append("Since Enswitch ").Append(function.Since).Append(function.SinceInferred ? " or earlier" : string.Empty).Append(". ")
            .Append(function.Authentication switch
            {
                "none" => "Sent without credentials, as the guide documents it. ",
                "optional" => "Credentials are sent; the guide says they are optional. ",
                _ => string.Empty,
            })
            .Append("Response codes: ").Append(string.Join(", ", function.Codes)).Append(". Guide: <see href=\"").Append(function.GuideUrl).Append("\"/>.</para>\n    /// </remarks>\n")
            .Append("    /// <param name=\"request\">The parameters").Append(OptionalRequest(function) ? ", or <see langword=\"null\"/> to send none" : string.Empty).Append(".</param>\n")
            .Append(OptionsDoc)
            .Append("    /// <param name=\"cancellationToken\">A token that cancels the call.</param>\n")
            .Append("    /// <returns>").Append(returns).Append("</returns>\n");
        if (function.Codes.Contains(400))
        {
            contract.Append("    /// <exception cref=\"InvalidParameterException\">A parameter is invalid (code 400); its <see cref=\"EnswitchApiException.Key\"/> names it.</exception>\n");
        }

        if (function.Codes.Contains(402))
        {
            contract.Append("    /// <exception cref=\"RoleDeniedException\">The user lacks the role the function needs (code 402).</exception>\n");
        }

        if (function.Codes.Contains(403))
        {
            contract.Append("    /// <exception cref=\"RatePlanDeniedException\">The user's rate plan does not permit the function (code 403).</exception>\n");
        }

        if (function.Codes.Contains(404))
        {
            contract.Append("    /// <exception cref=\"NotFoundException\">The object does not exist or this user may not see it (code 404).</exception>\n");
        }

        contract.Append("    /// <exception cref=\"ArgumentException\">A value of <paramref name=\"options\"/> is out of bounds, or a parameter's text cannot be sent unchanged; nothing was sent.</exception>\n")
            .Append("    /// <exception cref=\"EnswitchFeatureNotSupportedException\">The function or a parameter set is newer than <see cref=\"EnswitchClientOptions.ServerVersion\"/>; nothing was sent.</exception>\n")
            .Append("    /// <exception cref=\"EnswitchException\">The call failed; see the subclasses and <see cref=\"EnswitchException.OutcomeUnknown\"/>.</exception>\n");
    }

    private static string Leaf(string path) => path[(path.LastIndexOf('.') + 1)..];

    private string WirePath(string path)
    {
        // The wire path of a client is the common prefix of its functions' names, or its descendants'.
        var names = _catalogue.Functions.Where(f => f.Client == path || f.Client.StartsWith(path + ".", StringComparison.Ordinal)).Select(f => f.Name[..f.Name.LastIndexOf('/')]).ToList();
        if (_catalogue.Functions.Any(f => f.Client == path))
        {
            names = _catalogue.Functions.Where(f => f.Client == path).Select(f => f.Name[..f.Name.LastIndexOf('/')]).ToList();
        }

        var prefix = names[0];
        foreach (var name in names)
        {
            while (!(name == prefix || name.StartsWith(prefix + "/", StringComparison.Ordinal)))
            {
                prefix = prefix[..Math.Max(0, prefix.LastIndexOf('/'))];
            }
        }

        return prefix;
    }

    // ---------------------------------------------------------------- root, DI, JSON

    private void WriteRoot(List<string> tops, SortedSet<string> paths)
    {
        var contract = new StringBuilder(CSharp.Header);
        var core = new StringBuilder(CSharp.Header);
        var client = new StringBuilder(CSharp.Header);
        contract.Append("\nnamespace Enswitch.Client;\n\n/// <summary>The category clients generated from the catalogue.</summary>\npublic partial interface IEnswitchClient\n{\n");
        core.Append("\nnamespace Enswitch.Client;\n\n/// <summary>The category clients generated from the catalogue, each made on first use.</summary>\ninternal sealed partial class EnswitchClientCore\n{\n");
        client.Append("\nnamespace Enswitch.Client;\n\n/// <summary>The category clients generated from the catalogue.</summary>\npublic sealed partial class EnswitchClient\n{\n");
        foreach (var top in tops)
        {
            var type = $"global::{Ns(top)}.I{CSharp.ClientType(top)}";
            contract.Append("    /// <summary>Gets the client for the <c>").Append(WirePath(top)).Append("/*</c> functions.</summary>\n    ").Append(type).Append(' ').Append(top).Append(" { get; }\n\n");
            core.Append("    private ").Append(type).Append("? _").Append(char.ToLowerInvariant(top[0])).Append(top[1..]).Append(";\n");
            client.Append("    /// <inheritdoc/>\n    public ").Append(type).Append(' ').Append(top).Append(" => _core.").Append(top).Append(";\n\n");
            _api.Add($"Enswitch.Client.IEnswitchClient.{top}.get -> {Ns(top)}.I{CSharp.ClientType(top)}!");
            _api.Add($"Enswitch.Client.EnswitchClient.{top}.get -> {Ns(top)}.I{CSharp.ClientType(top)}!");
        }

        foreach (var top in tops)
        {
            var type = $"global::{Ns(top)}.I{CSharp.ClientType(top)}";
            core.Append("\n    /// <inheritdoc/>\n    public ").Append(type).Append(' ').Append(top).Append(" => _").Append(char.ToLowerInvariant(top[0])).Append(top[1..])
                .Append(" ??= new global::").Append(Ns(top)).Append('.').Append(CSharp.ClientType(top)).Append("(_transport);\n");
        }

        TrimTrailingBlank(contract);
        TrimTrailingBlank(client);
        _files.Add(($"{Folder}/IEnswitchClient.g.cs", contract.Append("}\n").ToString()));
        _files.Add(($"{Folder}/EnswitchClientCore.g.cs", core.Append("}\n").ToString()));
        _files.Add(($"{Folder}/EnswitchClient.g.cs", client.Append("}\n").ToString()));

        var registrations = new StringBuilder(CSharp.Header);
        registrations.Append("""

            using Microsoft.Extensions.DependencyInjection;

            namespace Enswitch.Client.DependencyInjection;

            /// <summary>Registers the interface of every generated category client, for the default client or a named one.</summary>
            internal static class CategoryRegistrations
            {
                public static void Add(IServiceCollection services, string name)
                {
                    if (name.Length == 0)
                    {

            """);
        foreach (var path in paths)
        {
            registrations.Append("            services.AddTransient<global::").Append(Ns(path)).Append(".I").Append(CSharp.ClientType(path)).Append(">(static sp => new global::")
                .Append(Ns(path)).Append('.').Append(CSharp.ClientType(path)).Append("(EnswitchServiceCollectionExtensions.Transport(sp, string.Empty)));\n");
        }

        registrations.Append("            return;\n        }\n\n");
        foreach (var path in paths)
        {
            registrations.Append("        services.AddKeyedTransient<global::").Append(Ns(path)).Append(".I").Append(CSharp.ClientType(path)).Append(">(name, static (sp, key) => new global::")
                .Append(Ns(path)).Append('.').Append(CSharp.ClientType(path)).Append("(EnswitchServiceCollectionExtensions.Transport(sp, (string)key!)));\n");
        }

        registrations.Append("    }\n}\n");
        _files.Add(($"{Folder}/CategoryRegistrations.g.cs", registrations.ToString()));
    }
}
