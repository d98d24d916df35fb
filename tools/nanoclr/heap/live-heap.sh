#!/bin/bash
# The live managed heap at each PHASE of HeapScenario.cs (issue 18), as nanoCLR itself counts it. From the
# repository root, after `source` of the bench's environment (NANOCLR, MDP, NANO_MIRRORS):
#
#   bash tools/nanoclr/heap/live-heap.sh
#
# measure-heap.sh finds the PEAK up to each phase from outside (the smallest heap that gets past it); this
# prints, after each phase, the bytes still in use after a full collection (nanoFramework.Runtime.Native's
# GC.Run(false) returns the free bytes): what the long-lived objects and the parked threads hold, so the cost of
# one object or buffer is a difference of two lines. Not a peak: stack frames of deep calls and garbage made
# between two phases do not show (measure-heap.sh sees them). The figures include Runtime.Native's own runtime
# structures (about 1 KB) that the real scenario does not load.
# How: builds nanoFramework.Runtime.Native from its mirror (its native version 100.0.10.0 is the one the posix
# nanoCLR was built with, so its checksum 0x0EAE898B matches), runs the bench's run-firmware.sh with it referenced
# and loaded, on a copy of the scenario whose Phase() also prints the live bytes.
set -u
: "${NANOCLR:?source the bench environment first (NANOCLR, MDP, NANO_MIRRORS)}"
: "${NANO_MIRRORS:?NANO_MIRRORS must name the mirrors directory}"
here=$(cd "$(dirname "$0")" && pwd)
bench=${BENCH:-$(cd "$here/../../../.." && pwd)/shared/bench}
heap=${NANOCLR_HEAP_BYTES:-196608}
lib=${NUGET_PACKAGES:-$HOME/.nuget/packages}/nanoframework.corelibrary/1.17.11/lib
rtn_git=$NANO_MIRRORS/nanoframework+nanoFramework.Runtime.Native/repo
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
[ -f "$lib/mscorlib.dll" ] || { echo "run the bench's run-firmware.sh once first (it restores CoreLibrary 1.17.11)"; exit 2; }

# 1. nanoFramework.Runtime.Native, converted by the MetadataProcessor
git -C "$rtn_git" archive "${RTN_REV:-HEAD}" nanoFramework.Runtime.Native | tar -x -C "$work"
grep -q 'AssemblyNativeVersion("100.0.10.0")' "$work/nanoFramework.Runtime.Native/Properties/AssemblyInfo.cs" \
  || { echo "Runtime.Native at ${RTN_REV:-HEAD} is not native version 100.0.10.0 (the interpreter's)"; exit 2; }
cat >"$work/Rtn.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework><AssemblyName>nanoFramework.Runtime.Native</AssemblyName>
    <NoStdLib>true</NoStdLib><DisableImplicitFrameworkReferences>true</DisableImplicitFrameworkReferences>
    <GenerateAssemblyInfo>false</GenerateAssemblyInfo><GenerateTargetFrameworkAttribute>false</GenerateTargetFrameworkAttribute>
    <ImplicitUsings>disable</ImplicitUsings><Nullable>disable</Nullable><LangVersion>9.0</LangVersion><Optimize>true</Optimize>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems><NoWarn>CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include="mscorlib"><HintPath>$lib/mscorlib.dll</HintPath></Reference>
    <Compile Include="nanoFramework.Runtime.Native/**/*.cs" />
  </ItemGroup>
</Project>
XML
(cd "$work" && dotnet build -c Release -v q -nologo -o rtn >rtn-build.log 2>&1) || { echo "Runtime.Native does not build:"; tail -5 "$work/rtn-build.log"; exit 1; }
dotnet "$MDP" -loadHints mscorlib "$lib/mscorlib.dll" -parse "$work/rtn/nanoFramework.Runtime.Native.dll" \
  -compile "$work/rtn/nanoFramework.Runtime.Native.pe" false >"$work/rtn-mdp.log" 2>&1 || { echo "MDP refused Runtime.Native"; exit 1; }

# 2. the bench's run-firmware.sh, with that assembly referenced, converted against and loaded
rtn=$work/rtn/nanoFramework.Runtime.Native
sed -e "s|<Reference Include=\"mscorlib\">|<Reference Include=\"nanoFramework.Runtime.Native\"><HintPath>$rtn.dll</HintPath></Reference><Reference Include=\"mscorlib\">|" \
    -e "s|-loadHints mscorlib \"\$w/out/mscorlib.dll\"|& -loadHints nanoFramework.Runtime.Native $rtn.dll|" \
    -e "s|\"\$NANOCLR\" \"\$w/out/mscorlib.pe\"|& $rtn.pe|" "$bench/run-firmware.sh" >"$work/run-firmware-rtn.sh"

# 3. the scenario, each PHASE line followed by the live bytes
sed -e "s|Console.WriteLine(\"PHASE \" + name);|Console.WriteLine(\"PHASE \" + name + \" live \" + ($heap - (int)nanoFramework.Runtime.Native.GC.Run(false)).ToString());|" \
    "$here/HeapScenario.cs" >"$work/HeapScenarioLive.cs"
grep -q 'GC.Run' "$work/HeapScenarioLive.cs" || { echo "HeapScenario.Phase has changed: update this script"; exit 2; }
echo "== live bytes after a full collection, heap $heap bytes (firmware commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Terminal Terminal.Drivers tools || echo ' + uncommitted changes'))"
NANOCLR_HEAP_BYTES=$heap LANGVERSION=9.0 bash "$work/run-firmware-rtn.sh" "$work/HeapScenarioLive.cs" "$here/BenchGateway.cs" | grep -E '^(PHASE|RUN OK|does not|the Meta|nanoCLR run)'
