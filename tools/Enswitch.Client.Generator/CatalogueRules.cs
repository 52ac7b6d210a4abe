namespace Enswitch.Client.Generator;

/// <summary>
/// The rules the schema cannot state, checked before anything is generated: every one of them protects a
/// caller (a create that could be retried, a secret that could be printed, two methods with one name).
/// </summary>
internal static class CatalogueRules
{
    /// <summary>Action words whose repeat does the work again: placing a call, moving money, sending, creating.</summary>
    public static readonly string[] RepeatingActions = ["create", "make", "send", "add", "purchase", "import", "move", "start", "use", "request", "upload"];

    /// <summary>Parts of a parameter name that mark it as a secret.</summary>
    public static readonly string[] SecretMarks = ["password", "pin", "token", "secret"];

    public static List<string> Check(Catalogue catalogue)
    {
        var problems = new List<string>();
        foreach (var function in catalogue.Functions)
        {
            if (function.Kind is not ("Read" or "IdempotentWrite" or "NonIdempotent"))
            {
                problems.Add($"{function.Name}: no operation kind (Read, IdempotentWrite or NonIdempotent)");
            }

            if (RepeatingActions.Contains(function.Action, StringComparer.Ordinal) && function.Kind != "NonIdempotent" && string.IsNullOrWhiteSpace(function.KindReason))
            {
                problems.Add($"{function.Name}: a '{function.Action}' function is {function.Kind} without a kindReason; it must be NonIdempotent unless the catalogue says why");
            }

            if (function.AbsentMeansDone && function.Kind != "IdempotentWrite")
            {
                problems.Add($"{function.Name}: absentMeansDone lets a retry end as done, which only an IdempotentWrite may do");
            }

            if (!function.AnswerHoldsSecret && function.Parameters.Any(p => p.SecretReason?.Contains("in the answer", StringComparison.OrdinalIgnoreCase) == true))
            {
                problems.Add($"{function.Name}: a parameter asks for a secret in the answer, so the function must set answerHoldsSecret (no part of its body may be quoted)");
            }

            foreach (var parameter in function.Parameters)
            {
                if (!parameter.Secret && string.IsNullOrWhiteSpace(parameter.SecretReason) && SecretMarks.Any(mark => parameter.Name.Contains(mark, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"{function.Name}: parameter '{parameter.Name}' looks secret but is not marked secret, and no secretReason says why");
                }
            }

            foreach (var duplicate in function.Parameters.GroupBy(p => p.CSharp, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"{function.Name}: C# property '{duplicate.Key}' names {duplicate.Count()} parameters");
            }
        }

        // A type named like its category's namespace (Enswitch.Client.Cos.Cos) cannot be named from outside without
        // qualification; the members that every generated type has may not be taken by a field or parameter.
        var namespaces = catalogue.Functions.Select(f => f.Client.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var function in catalogue.Functions.Where(f => !f.HandWritten))
        {
            foreach (var type in new[] { function.Request, function.Result }.Where(t => t is not null && namespaces.Contains(t)))
            {
                problems.Add($"{function.Name}: type '{type}' has the name of a category namespace");
            }

            if (function.Parameters.Any(p => p.CSharp == "AdditionalParameters") || function.Fields.Any(f => f.CSharp == "AdditionalFields"))
            {
                problems.Add($"{function.Name}: a parameter or field takes the name AdditionalParameters or AdditionalFields");
            }

            // The generated reader marks each typed field it has seen in one bit of an int, to refuse a field named twice.
            if (function.Fields.Count > 31)
            {
                problems.Add($"{function.Name}: more than 31 typed fields, which the generated reader cannot track");
            }
        }

        AddDuplicates(problems, catalogue.Functions, f => f.Name, "wire name");
        AddDuplicates(problems, catalogue.Functions, f => f.Client + "." + f.Method, "C# method");
        AddDuplicates(problems, catalogue.Functions, f => f.Request, "request type");
        AddDuplicates(problems, catalogue.Functions.Where(f => f.Result is not null), f => f.Result!, "result type");
        return problems;
    }

    private static void AddDuplicates(List<string> problems, IEnumerable<CatalogueFunction> functions, Func<CatalogueFunction, string> key, string what)
    {
        foreach (var group in functions.GroupBy(key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(", ", group.Select(f => f.Name))}: one {what}, '{group.Key}'");
        }
    }
}
