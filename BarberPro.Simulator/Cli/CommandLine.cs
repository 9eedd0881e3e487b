using System.Globalization;

namespace BarberPro.Simulator.Cli;

/// <summary>A command-line mistake: reported as one line on stderr with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    public UsageException()
        : this("invalid arguments")
    {
    }

    public UsageException(string message, Exception innerException)
        : this(message + ": " + innerException?.Message)
    {
    }
}

/// <summary>Parses <c>--name value</c> and <c>--name=value</c> options of one verb, rejecting anything unknown.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly string _verb;

    public CommandLine(string verb, IReadOnlyList<string> args, params string[] known)
    {
        ArgumentNullException.ThrowIfNull(args);
        _verb = verb;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"{verb}: unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string value;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"{verb}: option --{name} needs a value");
            }

            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw new UsageException($"{verb}: unknown option --{name} (known: {string.Join(", ", known.Select(k => "--" + k))})");
            }

            if (!_values.TryAdd(name, value))
            {
                throw new UsageException($"{verb}: option --{name} given twice");
            }
        }
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new UsageException($"{_verb}: option --{name} is required");

    public int PositiveInt(string name, int defaultValue, int max = int.MaxValue)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max
            ? value
            : throw new UsageException($"{_verb}: --{name} must be a whole number between 1 and {max.ToString(CultureInfo.InvariantCulture)} (was '{text}')");
    }
}
