"""Named model: all-solid-state cell with a single-ion SE and a Li-metal anode."""

import pybamm

from .mesh import MESHES, particle_submesh
from .options import CellModelOptions
from .submodels import (
    active_material,
    diagnostics,
    electrode,
    interface,
    lithium_metal,
    solid_electrolyte,
    transport_efficiency,
)


class LithiumMetalCell(pybamm.lithium_ion.BaseModel):
    """Li metal | single-ion SE separator | thick composite cathode.

    Layers along x: Li metal (planar, finite, its thickness a state), dense SE
    separator, composite cathode (CAM + SE + carbon + binder + voids). The SE
    conducts Li+ only (transference number 1): there is no electrolyte
    concentration variable and no liquid-electrolyte parameter anywhere.

    The submodels are listed explicitly in ``__init__``; ``print(model.submodels)``
    shows what is solved. PyBaMM's own submodels are reused where the physics
    is the same (external circuit, isothermal temperature, uniform current
    collector, Fickian particle diffusion, OCP).

    Parameters
    ----------
    options : CellModelOptions or dict, optional
        Which law each process uses. Default: Bruggeman everywhere, no film.
    name : str, optional
        Model name.
    build : bool, optional
        Build the model now (default True). Set False to swap submodels first.
    """

    def __init__(self, options=None, name="Li-metal solid-state cell", build=True):
        options = CellModelOptions.coerce(options)
        if options.anode != "lithium metal" and type(self) is LithiumMetalCell:
            raise ValueError(
                f"LithiumMetalCell has a Li-metal anode; option anode={options.anode!r} "
                "needs AnodeFreeCell (or asslb_sim.models.cell_model)"
            )
        self.cell_options = options
        super().__init__(
            {
                "working electrode": "positive",
                "calculate discharge energy": "true",
                "surface form": options.surface_form,
            },
            name,
        )
        param, opts = self.param, self.options
        laws = transport_efficiency.LAWS
        # each behaviour is its own class, chosen here by the options (no flags inside)
        sf = options.surface_form
        kinetics = {
            ("none", "false"): interface.ButlerVolmer,
            ("none", "differential"): interface.ButlerVolmer,
            ("resistive", "false"): interface.ButlerVolmerFilm,
            ("resistive", "differential"): interface.ButlerVolmerCapacitiveFilm,
        }[(options.film, sf)]
        double_layer = {"false": interface.NoDoubleLayer, "differential": interface.DoubleLayer}[sf]
        lithium_interface = {
            "false": lithium_metal.LithiumInterfaceKinetics,
            "differential": lithium_metal.LithiumInterfaceDoubleLayer,
        }[sf]
        separator = {
            "false": solid_electrolyte.SeparatorOhm,
            "differential": solid_electrolyte.CapacitiveSeparatorOhm,
        }[sf]
        grain_boundaries = {
            ("none", "false"): solid_electrolyte.NoGrainBoundaries,
            ("none", "differential"): solid_electrolyte.NoGrainBoundaries,
            ("separator", "false"): solid_electrolyte.GrainBoundaries,
            ("separator", "differential"): solid_electrolyte.CapacitiveGrainBoundaries,
        }[(options.grain_boundaries, sf)]
        anodes = {
            "lithium metal": lithium_metal.LithiumMetalAnode,
            "anode-free": lithium_metal.PlatedLithiumAnode,
        }
        self.submodels = {
            "external circuit": pybamm.external_circuit.ExplicitCurrentControl(param, opts),
            "discharge and throughput variables": (
                pybamm.external_circuit.DischargeThroughput(param, opts)
            ),
            "thermal": pybamm.thermal.isothermal.Isothermal(param, opts),
            "surface temperature": pybamm.thermal.surface.Ambient(param, opts),
            "current collector": pybamm.current_collector.Uniform(param),
            "separator solid electrolyte transport efficiency": laws[options.separator_transport](
                param, "separator", "solid electrolyte", opts
            ),
            "positive electrode solid electrolyte transport efficiency": laws[
                options.solid_electrolyte_transport
            ](param, "positive", "solid electrolyte", opts),
            "positive electrode active material transport efficiency": laws[
                options.active_material_transport
            ](param, "positive", "active material", opts),
            "positive electrode carbon transport efficiency": laws[options.carbon_transport](
                param, "positive", "carbon", opts
            ),
            "separator binder transport efficiency": laws[options.binder_transport](
                param, "separator", "binder", opts
            ),
            "positive electrode binder transport efficiency": laws[options.binder_transport](
                param, "positive", "binder", opts
            ),
            "positive active material": active_material.PartiallyConnected(param, opts),
            "positive particle mechanics": pybamm.particle_mechanics.NoMechanics(
                param, "positive", opts, "primary"
            ),
            "positive particle": pybamm.particle.FickianDiffusion(
                param, "positive", opts, phase="primary", x_average=False
            ),
            "positive total particle concentration": pybamm.particle.TotalConcentration(
                param, "positive", opts, "primary"
            ),
            "positive open-circuit potential": (
                pybamm.open_circuit_potential.SingleOpenCircuitPotential(
                    param, "positive", "lithium-ion main", opts, "primary"
                )
            ),
            "positive interface kinetics": kinetics(param, opts),
            "positive double layer": double_layer(param, opts),
            "lithium metal interface": lithium_interface(param, opts),
            "lithium metal anode": anodes[options.anode](param, opts),
            "separator grain boundaries": grain_boundaries(param, opts),
            "separator ionic conduction": separator(param, opts),
            "positive electrode ionic conduction": solid_electrolyte.CompositeIonicOhm(param, opts),
            "positive electrode electronic conduction": (
                electrode.CompositeElectronicOhm(param, opts)
            ),
            "overvoltage breakdown": diagnostics.OverpotentialBreakdown(param, opts),
        }
        if build:
            self.build_model()

    def set_voltage_variables(self):
        """Cut-off events, power and open-circuit voltage (no liquid terms)."""
        V = self.variables["Voltage [V]"]
        I = self.variables["Current [A]"]
        # the cell's open-circuit voltages: the cathode's against the counter electrode
        U_ce = self.variables["Counter electrode potential vs Li [V]"]
        ocv_bulk = self.variables["Positive electrode bulk open-circuit potential [V]"] - U_ce
        ocv_surf = self.variables["X-averaged positive electrode open-circuit potential [V]"] - U_ce
        num_cells = pybamm.Parameter("Number of cells connected in series to make a battery")
        self.variables.update(
            {
                # the cell voltage on the Li scale: plus the counter electrode's
                # equilibrium potential at its present Li content
                "Voltage vs Li [V]": V + U_ce,
                "Battery voltage [V]": V * num_cells,
                "Battery open-circuit voltage [V]": ocv_bulk * num_cells,
                "Bulk open-circuit voltage [V]": ocv_bulk,
                "Surface open-circuit voltage [V]": ocv_surf,
                "Terminal power [W]": I * V,
                "Power [W]": I * V,
            }
        )
        self.events += [
            # the lower cut-off ends a discharge only (as a cycler's does): a charge may
            # start below it, e.g. an anode-free cell whose empty interlayer sits near
            # 1 V vs Li
            pybamm.Event(
                "Minimum voltage [V]",
                V - self.param.voltage_low_cut + (I <= 0),
                pybamm.EventType.TERMINATION,
            ),
            pybamm.Event(
                "Maximum voltage [V]",
                self.param.voltage_high_cut - V,
                pybamm.EventType.TERMINATION,
            ),
        ]

    def set_degradation_variables(self):
        """Cyclable Li inventory: Li in the CAM, Li metal and the double layers."""
        n_cam = self.variables["Total lithium in primary phase in positive electrode [mol]"]
        n_li = self.variables["Total lithium in anode [mol]"]
        # Li+ held in the double layers (zero without the "surface form" option)
        n_dl = (
            self.variables["Total lithium in cathode double layer [mol]"]
            + self.variables["Total lithium in lithium metal double layer [mol]"]
        )
        n = n_cam + n_li + n_dl
        self.variables.update(
            {
                "Total lithium in positive electrode [mol]": n_cam,
                "Total lithium in double layers [mol]": n_dl,
                "Total lithium [mol]": n,
                "Total lithium capacity [A.h]": n * self.param.F / 3600,
            }
        )

    @property
    def default_parameter_values(self):
        # registered by asslb-sim under PyBaMM's parameter-set entry point
        return pybamm.ParameterValues("NMC811_Li6PS5Cl_Li")

    @property
    def default_var_pts(self):
        # the "single-run" mesh (mesh.py): x_s only resolves the output, the
        # separator potential being closed-form; 25 x 25 keeps the 1C voltage
        # within 2 mV of a 2x refined mesh (tests/test_mesh_convergence.py)
        var_pts = super().default_var_pts
        m = MESHES["single-run"]
        var_pts.update({"x_s": m.x_s, "x_p": m.x_p, "r_p": m.r_p})
        return var_pts

    @property
    def default_submesh_types(self):
        # points crowd towards the particle surface, where a current step opens a
        # diffusion boundary layer of width sqrt(D t): 40 nm after 0.4 s
        submeshes = super().default_submesh_types
        submeshes["positive particle"] = particle_submesh(MESHES["single-run"].particle_stretch)
        return submeshes

    @property
    def default_quick_plot_variables(self):
        return [
            "Positive particle surface concentration [mol.m-3]",
            "Electrolyte potential [V]",
            "Positive electrode potential [V]",
            "Positive electrode interfacial current density [A.m-2]",
            "Current [A]",
            "Voltage [V]",
        ]
