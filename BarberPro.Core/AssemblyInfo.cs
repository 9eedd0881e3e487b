namespace BarberPro.Core;
