#!/usr/bin/env python3
"""Instruments a copy of nf-interpreter's sources (issue 18's exact live-peak measure; see peak-trace.sh).

    instrument.py NF_INTERPRETER_SOURCE_DIR

Adds to the garbage collector a report that prints, whenever the bytes in use after a collection reach a new
maximum (env NANOCLR_TRACE_PEAK=1), the heap by data type and every thread's call frames with their sizes; with
NANOCLR_TRACE_PEAK=2 also every class's instances and every array of 96 bytes or more, =3 also which field holds
each array. NANOCLR_GC_EVERY_ALLOC=1 collects before every allocation (bypassing the event cache), so the maximum
is the exact peak of live bytes. NANOCLR_TRACE_GC_TICK=N prints the live bytes every N collections and
NANOCLR_TRACE_GC_NUMBER=N dumps everything at collection N. NANOCLR_TRACE_OOM=1 prints, when an allocation fails
even after a collection, what was asked for, the free bytes and the largest free block, and a map of the heap (runs
of used blocks U, call frames S and free blocks F, in bytes, bottom to top): whether it failed for want of memory or
of one block big enough. Only diagnostics: nothing the firmware sees changes.
"""
import sys, os

src = sys.argv[1]
core = os.path.join(src, "src", "CLR", "Core")
BOM = b"\xef\xbb\xbf"


def edit(name, old, new):
    path = os.path.join(core, name)
    data = open(path, "rb").read()
    bom = data.startswith(BOM)
    text = data[3:].decode("utf-8") if bom else data.decode("utf-8")
    if "\r\n" in text:  # the sources keep Windows line ends
        old = old.replace("\n", "\r\n")
        new = new.replace("\n", "\r\n")
    if old not in text:
        sys.exit(name + ": layout changed; instrumentation not applied")
    text = text.replace(old, new, 1)
    if "#include <cstdlib>" not in text:
        text = "#include <cstdlib>\n" + text
    open(path, "wb").write((BOM if bom else b"") + text.encode("utf-8"))


BLOCK = r"""// ---- bench instrumentation (issue 18): NANOCLR_TRACE_PEAK=1 prints, whenever the bytes in use after a
// collection reach a new maximum, the heap by data type and every thread's call frames with their sizes.
// NANOCLR_GC_EVERY_ALLOC=1 collects before every allocation (and bypasses the event cache), so the maximum
// is the exact peak of live bytes.
#include <cstdlib>
static long s_benchPeakUsed = -1;
static const char *BenchTypeName(int dt)
{
    switch (dt)
    {
        case DATATYPE_STRING: return "STRING";
        case DATATYPE_OBJECT: return "OBJECT";
        case DATATYPE_CLASS: return "CLASS";
        case DATATYPE_VALUETYPE: return "VALUETYPE";
        case DATATYPE_SZARRAY: return "SZARRAY";
        case DATATYPE_FREEBLOCK: return "FREEBLOCK";
        case DATATYPE_CACHEDBLOCK: return "CACHEDBLOCK";
        case DATATYPE_ASSEMBLY: return "ASSEMBLY";
        case DATATYPE_THREAD: return "THREAD";
        case DATATYPE_SUBTHREAD: return "SUBTHREAD";
        case DATATYPE_STACK_FRAME: return "STACK_FRAME";
        case DATATYPE_BINARY_BLOB_HEAD: return "BINARY_BLOB";
        case DATATYPE_DELEGATE_HEAD: return "DELEGATE";
        case DATATYPE_WAIT_FOR_OBJECT_HEAD: return "WAIT_FOR_OBJECT";
        case DATATYPE_LOCK_HEAD: return "LOCK";
        case DATATYPE_TIMER_HEAD: return "TIMER";
        case DATATYPE_REFLECTION: return "REFLECTION";
        case DATATYPE_U1: return "U1";
        case DATATYPE_CHAR: return "CHAR";
        case DATATYPE_I4: return "I4";
        case DATATYPE_U4: return "U4";
        case DATATYPE_I8: return "I8";
        case DATATYPE_U8: return "U8";
        case DATATYPE_I2: return "I2";
        case DATATYPE_U2: return "U2";
        case DATATYPE_BOOLEAN: return "BOOLEAN";
        default: return "?";
    }
}
static void BenchDumpFrames(CLR_RT_DblLinkedList &threads, const char *list)
{
    NANOCLR_FOREACH_NODE(CLR_RT_Thread, th, threads)
    {
        CLR_Debug::Printf("  thread %d (%s)\r\n", th->m_pid, list);
        NANOCLR_FOREACH_NODE(CLR_RT_StackFrame, sf, th->m_stackFrames)
        {
            const char *type = "?";
            const char *name = "?";
            if (sf->m_call.m_assm && sf->m_call.m_target)
            {
                name = sf->m_call.m_assm->GetString(sf->m_call.m_target->name);
                CLR_IDX owner = sf->m_call.CrossReference().GetOwner();
                type = sf->m_call.m_assm->GetString(sf->m_call.m_assm->GetTypeDef(owner)->name);
            }
            CLR_Debug::Printf(
                "    %6d B  %s.%s\r\n",
                (int)(sf->DataSize() * sizeof(struct CLR_RT_HeapBlock)),
                type,
                name);
        }
        NANOCLR_FOREACH_NODE_END();
    }
    NANOCLR_FOREACH_NODE_END();
}

struct BenchClassCount { const char *name; int count; int bytes; };
static void BenchDumpDetail()
{
    static BenchClassCount classes[512];
    int nClasses = 0;
    int strings = 0, stringBytes = 0;
    NANOCLR_FOREACH_NODE(CLR_RT_HeapCluster, hc, g_CLR_RT_ExecutionEngine.m_heap)
    {
        CLR_RT_HeapBlock_Node *ptr = hc->m_payloadStart;
        CLR_RT_HeapBlock_Node *end = hc->m_payloadEnd;
        while (ptr < end)
        {
            int dt = ptr->DataType();
            int bytes = (int)(ptr->DataSize() * sizeof(struct CLR_RT_HeapBlock));
            if (dt == DATATYPE_CLASS || dt == DATATYPE_VALUETYPE)
            {
                CLR_RT_TypeDef_Instance inst;
                const char *name = "?";
                if (inst.InitializeFromIndex(ptr->ObjectCls()))
                    name = inst.m_assm->GetString(inst.m_target->name);
                int i = 0;
                while (i < nClasses && classes[i].name != name) i++;
                if (i == nClasses && nClasses < 512) { classes[i].name = name; classes[i].count = 0; classes[i].bytes = 0; nClasses++; }
                if (i < 512) { classes[i].count++; classes[i].bytes += bytes; }
            }
            else if (dt == DATATYPE_SZARRAY && bytes >= 96)
            {
                CLR_RT_HeapBlock_Array *arr = (CLR_RT_HeapBlock_Array *)ptr;
                CLR_Debug::Printf("  ARRAY %-10s len %5d  %6d B\r\n", BenchTypeName(arr->m_typeOfElement), (int)arr->m_numOfElements, bytes);
            }
            else if (dt == DATATYPE_STRING)
            {
                strings++; stringBytes += bytes;
            }
            else if (dt == DATATYPE_ASSEMBLY)
            {
                CLR_Debug::Printf("  ASSEMBLY %-30s %6d B\r\n", ((CLR_RT_Assembly *)ptr)->m_szName, bytes);
            }
            ptr += ptr->DataSize();
        }
    }
    NANOCLR_FOREACH_NODE_END();
    CLR_Debug::Printf("  STRINGS %d objects %d B\r\n", strings, stringBytes);
    for (int i = 0; i < nClasses; i++)
        CLR_Debug::Printf("  CLASS %-28s x%3d %6d B\r\n", classes[i].name, classes[i].count, classes[i].bytes);
}

static const char *BenchFieldName(CLR_RT_TypeDef_Instance &inst, int fieldIndex, int totalFields)
{
    int own = inst.m_target->iFields_Num;
    int offset = totalFields - own;
    if (fieldIndex < offset) return "(base)";
    return inst.m_assm->GetString(inst.m_assm->GetFieldDef(inst.m_target->iFields_First + fieldIndex - offset)->name);
}
static void BenchDescribeRef(CLR_RT_HeapBlock *field, const char *owner, const char *name)
{
    if (field->DataType() != DATATYPE_OBJECT) return;
    CLR_RT_HeapBlock *target = field->Dereference();
    if (target == NULL || target->DataType() != DATATYPE_SZARRAY) return;
    CLR_RT_HeapBlock_Array *arr = (CLR_RT_HeapBlock_Array *)target;
    CLR_Debug::Printf("  REF %s.%s -> %s[%d] %d B\r\n", owner, name, BenchTypeName(arr->m_typeOfElement), (int)arr->m_numOfElements,
        (int)(target->DataSize() * sizeof(struct CLR_RT_HeapBlock)));
}
static void BenchDumpOwners()
{
    NANOCLR_FOREACH_NODE(CLR_RT_HeapCluster, hc, g_CLR_RT_ExecutionEngine.m_heap)
    {
        CLR_RT_HeapBlock_Node *ptr = hc->m_payloadStart;
        CLR_RT_HeapBlock_Node *end = hc->m_payloadEnd;
        while (ptr < end)
        {
            int dt = ptr->DataType();
            if (dt == DATATYPE_CLASS)
            {
                CLR_RT_TypeDef_Instance inst;
                if (inst.InitializeFromIndex(ptr->ObjectCls()))
                {
                    int total = ptr->DataSize() - 1;
                    const char *cls = inst.m_assm->GetString(inst.m_target->name);
                    for (int i = 0; i < total; i++)
                        BenchDescribeRef((CLR_RT_HeapBlock *)ptr + 1 + i, cls, BenchFieldName(inst, i, total));
                }
            }
            else if (dt == DATATYPE_ASSEMBLY)
            {
                CLR_RT_Assembly *a = (CLR_RT_Assembly *)ptr;
                CLR_Debug::Printf("  TABLES %s: typedef %d methoddef %d fielddef %d typeref %d methodref %d fieldref %d statics %d\r\n",
                    a->m_szName, a->m_pTablesSize[TBL_TypeDef], a->m_pTablesSize[TBL_MethodDef], a->m_pTablesSize[TBL_FieldDef],
                    a->m_pTablesSize[TBL_TypeRef], a->m_pTablesSize[TBL_MethodRef], a->m_pTablesSize[TBL_FieldRef], a->m_iStaticFields);
                for (int t = 0; t < a->m_pTablesSize[TBL_TypeDef]; t++)
                {
                    const CLR_RECORD_TYPEDEF *td = a->GetTypeDef(t);
                    for (int j = 0; j < td->sFields_Num; j++)
                    {
                        int fd = td->sFields_First + j;
                        int slot = a->m_pCrossReference_FieldDef[fd].m_offset;
                        BenchDescribeRef(&a->m_pStaticFields[slot], a->GetString(td->name), a->GetString(a->GetFieldDef(fd)->name));
                    }
                }
            }
            ptr += ptr->DataSize();
        }
    }
    NANOCLR_FOREACH_NODE_END();
}
static void BenchTracePeak(CLR_UINT32 totalBytes, CLR_UINT32 freeBytes)
{
    static int enabled = -1;
    if (enabled < 0)
        enabled = std::getenv("NANOCLR_TRACE_PEAK") ? std::atoi(std::getenv("NANOCLR_TRACE_PEAK")) : 0;
    if (!enabled)
        return;
    long used = (long)totalBytes - (long)freeBytes;
    static long gcNumber = 0;
    static long dumpAt = -2;
    gcNumber++;
    if (dumpAt == -2)
        dumpAt = std::getenv("NANOCLR_TRACE_GC_NUMBER") ? std::atol(std::getenv("NANOCLR_TRACE_GC_NUMBER")) : -1;
    static long tick = -2;
    if (tick == -2)
        tick = std::getenv("NANOCLR_TRACE_GC_TICK") ? std::atol(std::getenv("NANOCLR_TRACE_GC_TICK")) : -1;
    if (tick > 0 && gcNumber % tick == 0)
        CLR_Debug::Printf("GCTICK %ld %ld\r\n", gcNumber, used);
    if (gcNumber == dumpAt)
    {
        CLR_Debug::Printf("GCDUMP gc#%ld %ld bytes\r\n", gcNumber, used);
        BenchDumpDetail();
        BenchDumpOwners();
        BenchDumpFrames(g_CLR_RT_ExecutionEngine.m_threadsReady, "ready");
        BenchDumpFrames(g_CLR_RT_ExecutionEngine.m_threadsWaiting, "waiting");
        CLR_Debug::Printf("GCDUMP end\r\n");
    }
    if (used <= s_benchPeakUsed)
        return;
    s_benchPeakUsed = used;
    int countBlocks[DATATYPE_FIRST_INVALID];
    int countArray[DATATYPE_FIRST_INVALID];
    NANOCLR_CLEAR(countBlocks);
    NANOCLR_CLEAR(countArray);
    NANOCLR_FOREACH_NODE(CLR_RT_HeapCluster, hc, g_CLR_RT_ExecutionEngine.m_heap)
    {
        CLR_RT_HeapBlock_Node *ptr = hc->m_payloadStart;
        CLR_RT_HeapBlock_Node *end = hc->m_payloadEnd;
        while (ptr < end)
        {
            int dt = ptr->DataType();
            if (dt < DATATYPE_FIRST_INVALID)
            {
                countBlocks[dt] += ptr->DataSize();
                if (dt == DATATYPE_SZARRAY)
                {
                    int et = ((CLR_RT_HeapBlock_Array *)ptr)->m_typeOfElement;
                    if (et < DATATYPE_FIRST_INVALID)
                        countArray[et] += ptr->DataSize();
                }
            }
            ptr += ptr->DataSize();
        }
    }
    NANOCLR_FOREACH_NODE_END();
    CLR_Debug::Printf("PEAKLIVE %ld bytes (heap %u) gc#%ld\r\n", used, (unsigned)totalBytes, gcNumber);
    for (int dt = 0; dt < DATATYPE_FIRST_INVALID; dt++)
    {
        if (countBlocks[dt] && dt != DATATYPE_FREEBLOCK)
            CLR_Debug::Printf("  type %-16s %8d B\r\n", BenchTypeName(dt), (int)(countBlocks[dt] * sizeof(struct CLR_RT_HeapBlock)));
    }
    for (int dt = 0; dt < DATATYPE_FIRST_INVALID; dt++)
    {
        if (countArray[dt])
            CLR_Debug::Printf("  array of %-12s %8d B\r\n", BenchTypeName(dt), (int)(countArray[dt] * sizeof(struct CLR_RT_HeapBlock)));
    }
    BenchDumpFrames(g_CLR_RT_ExecutionEngine.m_threadsReady, "ready");
    BenchDumpFrames(g_CLR_RT_ExecutionEngine.m_threadsWaiting, "waiting");
    if (enabled >= 2)
        BenchDumpDetail();
    if (enabled >= 3)
        BenchDumpOwners();
    CLR_Debug::Printf("PEAKLIVE end\r\n");
}
// ---- end of bench instrumentation
"""

edit("GarbageCollector.cpp",
     "CLR_UINT32 CLR_RT_GarbageCollector::ExecuteGarbageCollection()",
     BLOCK + "\nCLR_UINT32 CLR_RT_GarbageCollector::ExecuteGarbageCollection()")
edit("GarbageCollector.cpp",
     "    CheckMemoryPressure();\n",
     "    CheckMemoryPressure();\n    BenchTracePeak(m_totalBytes, m_freeBytes);\n")
edit("Execution.cpp",
     "#if defined(NANOCLR_FORCE_GC_BEFORE_EVERY_ALLOCATION)\n    if (m_heapState != c_HeapState_UnderGC)",
     """    {
        static int everyAlloc = -1;
        if (everyAlloc < 0)
            everyAlloc = std::getenv("NANOCLR_GC_EVERY_ALLOC") ? 1 : 0;
        if (everyAlloc && m_heapState != c_HeapState_UnderGC)
        {
            g_CLR_RT_EventCache.EventCache_Cleanup();
            PerformGarbageCollection();
        }
    }
#if defined(NANOCLR_FORCE_GC_BEFORE_EVERY_ALLOCATION)
    if (m_heapState != c_HeapState_UnderGC)""")
edit("Cache.cpp",
     "#if defined(NANOCLR_FORCE_GC_BEFORE_EVERY_ALLOCATION)\n    return g_CLR_RT_ExecutionEngine.ExtractHeapBlocksForEvents(dataType, flags, blocks);\n#else\n",
     """#if defined(NANOCLR_FORCE_GC_BEFORE_EVERY_ALLOCATION)
    return g_CLR_RT_ExecutionEngine.ExtractHeapBlocksForEvents(dataType, flags, blocks);
#else
    {
        static int everyAlloc = -1;
        if (everyAlloc < 0)
            everyAlloc = std::getenv("NANOCLR_GC_EVERY_ALLOC") ? 1 : 0;
        if (everyAlloc)
            return g_CLR_RT_ExecutionEngine.ExtractHeapBlocksForEvents(dataType, flags, blocks);
    }
""")
OOM_BLOCK = r"""// ---- bench instrumentation (issue 18): NANOCLR_TRACE_OOM=1 maps the heap when an allocation fails.
#include <cstdlib>
static void BenchReportFailedAllocation(CLR_UINT32 dataType, CLR_UINT32 length, CLR_UINT32 flags)
{
    static int enabled = -1;
    if (enabled < 0)
        enabled = std::getenv("NANOCLR_TRACE_OOM") ? 1 : 0;
    if (!enabled)
        return;
    unsigned largest = 0, freeBlocks = 0, freeTotal = 0;
    CLR_Debug::Printf("OOM asked %u B of type %u (%s) free %u B\r\nMAP", (unsigned)(length * sizeof(struct CLR_RT_HeapBlock)),
        (unsigned)dataType, (flags & CLR_RT_HeapBlock::HB_Event) ? "from the top" : "from the bottom",
        (unsigned)g_CLR_RT_GarbageCollector.m_freeBytes);
    NANOCLR_FOREACH_NODE(CLR_RT_HeapCluster, hc, g_CLR_RT_ExecutionEngine.m_heap)
    {
        CLR_RT_HeapBlock_Node *ptr = hc->m_payloadStart;
        CLR_RT_HeapBlock_Node *end = hc->m_payloadEnd;
        char run = 0;
        unsigned runBytes = 0;
        while (ptr < end)
        {
            int dt = ptr->DataType();
            unsigned bytes = (unsigned)(ptr->DataSize() * sizeof(struct CLR_RT_HeapBlock));
            char kind = dt == DATATYPE_FREEBLOCK ? 'F' : dt == DATATYPE_STACK_FRAME ? 'S' : 'U';
            if (dt == DATATYPE_FREEBLOCK)
            {
                freeBlocks++;
                freeTotal += bytes;
                if (bytes > largest) largest = bytes;
            }
            if (kind != run && run != 0)
            {
                CLR_Debug::Printf(" %c%u", run, runBytes);
                runBytes = 0;
            }
            run = kind;
            runBytes += bytes;
            ptr += ptr->DataSize();
        }
        if (run != 0)
            CLR_Debug::Printf(" %c%u", run, runBytes);
    }
    NANOCLR_FOREACH_NODE_END();
    CLR_Debug::Printf("\r\nOOM free blocks %u, %u B, largest %u B\r\n", freeBlocks, freeTotal, largest);
}
// ---- end of bench instrumentation
"""

edit("Execution.cpp",
     "CLR_RT_HeapBlock *CLR_RT_ExecutionEngine::ExtractHeapBlocks(",
     OOM_BLOCK + "\nCLR_RT_HeapBlock *CLR_RT_ExecutionEngine::ExtractHeapBlocks(")
edit("Execution.cpp",
     "            // total failure on reclaiming enough memory\n            default:\n",
     "            // total failure on reclaiming enough memory\n            default:\n                BenchReportFailedAllocation(dataType, length, flags);\n")
print("instrumented " + src)
