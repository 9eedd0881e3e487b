namespace BarberPro.Simulator.Bookings;

/// <summary>Fixed reference data of the demo marketplace: cities, services, names.</summary>
internal static class BookingCatalog
{
    /// <summary>Cities with their share of bookings (Buenos Aires dominates) and a price level.</summary>
    public static readonly (short Id, string Name, string Province, double Share, double PriceLevel)[] Cities =
    [
        (1, "Buenos Aires", "Ciudad Autónoma de Buenos Aires", 0.58, 1.10),
        (2, "Córdoba", "Córdoba", 0.17, 0.95),
        (3, "Rosario", "Santa Fe", 0.14, 0.95),
        (4, "Mendoza", "Mendoza", 0.11, 0.90),
    ];

    /// <summary>Services with duration, 2026 list price in ARS and share of bookings.</summary>
    public static readonly (short Id, string Name, short Minutes, decimal PriceArs, double Share)[] Services =
    [
        (1, "Corte clásico", 30, 18_000m, 0.45),
        (2, "Corte y barba", 45, 26_000m, 0.25),
        (3, "Perfilado de barba", 20, 14_000m, 0.12),
        (4, "Corte infantil", 30, 15_000m, 0.06),
        (5, "Afeitado con navaja", 30, 20_000m, 0.05),
        (6, "Color / tintura", 60, 35_000m, 0.03),
        (7, "Corte premium con lavado", 50, 30_000m, 0.03),
        (8, "Alisado con keratina", 90, 40_000m, 0.01),
    ];

    public static readonly string[] FirstNames =
    [
        "Juan", "Santiago", "Mateo", "Benjamín", "Tomás", "Lucas", "Martín", "Nicolás", "Joaquín", "Facundo",
        "Agustín", "Franco", "Lautaro", "Ignacio", "Federico", "Diego", "Gonzalo", "Matías", "Pablo", "Emiliano",
        "Sofía", "Valentina", "Camila", "Martina", "Lucía", "Julieta", "Micaela", "Florencia", "Agustina", "Carolina",
    ];

    public static readonly string[] LastNames =
    [
        "González", "Rodríguez", "Gómez", "Fernández", "López", "Díaz", "Martínez", "Pérez", "García", "Sánchez",
        "Romero", "Sosa", "Álvarez", "Torres", "Ruiz", "Ramírez", "Flores", "Acosta", "Benítez", "Medina",
        "Herrera", "Suárez", "Aguirre", "Giménez", "Gutiérrez", "Pereyra", "Rojas", "Molina", "Castro", "Ortiz",
    ];

    public static readonly string[] ShopPrefixes = ["Barbería", "Peluquería", "Barber Shop", "Estudio", "Salón"];

    public static readonly string[] ShopNames =
    [
        "El Tano", "Don Julio", "La Esquina", "Navaja", "Del Barrio", "Los Amigos", "Clásica", "Palermo Cuts",
        "El Bigote", "Filo", "Tijeras de Oro", "La Barbería del Centro", "Gardel", "Malbec", "Río", "Nueva Era",
    ];

    public static readonly string[] Streets =
    [
        "Av. Corrientes", "Av. Santa Fe", "Av. Cabildo", "Florida", "Av. Rivadavia", "Thames", "Honduras",
        "Bv. Oroño", "Av. Pellegrini", "Av. Colón", "Bv. San Juan", "Av. San Martín", "Av. Arístides Villanueva",
    ];

    /// <summary>Appointments by Argentine hour (shops open 9-21; peaks at lunch time and after work).</summary>
    public static readonly double[] HourWeights =
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0.2,
        0.55, 0.8, 1.0, 1.05, 0.9, 0.7, 0.75, 0.9, 1.1, 1.25, 1.2, 0.95, 0.5, 0.1, 0,
    ];

    /// <summary>Bookings by weekday, Sunday first: Saturday is the busiest day, Sunday most shops are closed.</summary>
    public static readonly double[] WeekdayWeights = [0.3, 0.8, 0.95, 1.0, 1.05, 1.2, 1.35];
}
