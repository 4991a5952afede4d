using Spectre.Console.Cli;

namespace Sonata.Cli;

/// <summary>
/// A small container for Spectre.Console.Cli: registered instances, and everything else built
/// through its largest constructor whose parameters can all be resolved.
/// </summary>
public sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, List<Func<object>>> _factories = [];

    public void Register(Type service, Type implementation) => Add(service, () => Create(implementation));

    public void RegisterInstance(Type service, object implementation) => Add(service, () => implementation);

    public void RegisterLazy(Type service, Func<object> factory) => Add(service, factory);

    private void Add(Type service, Func<object> factory)
    {
        if (!_factories.TryGetValue(service, out var list))
            _factories[service] = list = [];
        list.Add(factory);
    }

    public ITypeResolver Build() => new Resolver(this);

    private object? Resolve(Type? type)
    {
        if (type is null)
            return null;
        if (_factories.TryGetValue(type, out var factories))
            return factories[^1]();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = type.GetGenericArguments()[0];
            var all = _factories.GetValueOrDefault(element) ?? [];
            var array = Array.CreateInstance(element, all.Count);
            for (int i = 0; i < all.Count; i++)
                array.SetValue(all[i](), i);
            return array;
        }
        return type.IsAbstract || type.IsInterface ? null : Create(type);
    }

    private object Create(Type type)
    {
        foreach (var constructor in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
        {
            var parameters = constructor.GetParameters();
            if (parameters.All(p => _factories.ContainsKey(p.ParameterType)))
                return constructor.Invoke(parameters.Select(p => _factories[p.ParameterType][^1]()).ToArray());
        }
        return Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"Cannot create {type.Name}");
    }

    private sealed class Resolver(TypeRegistrar registrar) : ITypeResolver
    {
        public object? Resolve(Type? type) => registrar.Resolve(type);
    }
}
