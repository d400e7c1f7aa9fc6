"""Physical constants: the one place each is defined (CODATA 2018, the values printed
by NIST, https://physics.nist.gov/cuu/Constants/; F and R exact in the SI since 2019,
printed to the digits NIST gives).

This module imports nothing, so workflows that must stay free of PyBaMM (the
impedance package, the CLI's help) can import it.
"""

F = 96485.33212  # C/mol, Faraday constant
R_GAS = 8.314462618  # J/(mol K), molar gas constant
EPS0 = 8.8541878128e-12  # F/m, vacuum electric permittivity
EV = F  # J/mol per eV per ion (1 eV per ion is F joules per mole)
