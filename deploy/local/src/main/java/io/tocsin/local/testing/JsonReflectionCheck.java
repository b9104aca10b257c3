package io.tocsin.local.testing;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.RecordComponentNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds types that Jackson must read reflectively in a native image but that nothing registers. Quarkus registers the
 * types a REST method declares (its return and parameter types, and their field types); it cannot see an object handed
 * to {@code Response.ok(…)}, {@code ResponseBuilder.entity(…)} or {@code ObjectMapper.writeValueAsString(…)} behind a
 * declared {@code Response} or {@code String}. On the JVM that works; in a native image Jackson finds no properties and
 * answers 500 ("No serializer found … no properties discovered"). Such a type needs {@code @RegisterForReflection}
 * (on itself, on its enclosing class, or in a {@code targets} list), as do the Tocsin types it holds.
 * The static type of each argument comes from ASM's bytecode verifier, so a value typed {@code Object} cannot be
 * judged and is skipped.
 */
public final class JsonReflectionCheck {

    private static final String REGISTER = "Lio/quarkus/runtime/annotations/RegisterForReflection;";
    private static final Set<String> REST_METHOD_ANNOTATIONS = Set.of("Ljakarta/ws/rs/GET;", "Ljakarta/ws/rs/POST;",
            "Ljakarta/ws/rs/PUT;", "Ljakarta/ws/rs/DELETE;", "Ljakarta/ws/rs/PATCH;", "Ljakarta/ws/rs/HEAD;");

    private final Map<String, ClassNode> classes = new HashMap<>();
    private final Set<String> registered = new HashSet<>();
    private final ClassLoader loader;

    private JsonReflectionCheck(List<String> classNames, ClassLoader loader) {
        this.loader = loader;
        for (String name : classNames) {
            ClassNode node = read(name);
            if (node != null) {
                classes.put(node.name, node);
            }
        }
        collectRegistered();
    }

    /** "Class.method hands T to …, not registered for reflection" for every such place in the image classes. */
    public static List<String> violations() {
        return new JsonReflectionCheck(BuildTimeInitCheck.imageClasses(), JsonReflectionCheck.class.getClassLoader())
                .find();
    }

    static List<String> violationsIn(List<Class<?>> types) {
        return new JsonReflectionCheck(types.stream().map(Class::getName).toList(), types.get(0).getClassLoader())
                .find();
    }

    private List<String> find() {
        Set<String> found = new TreeSet<>();
        for (ClassNode type : classes.values()) {
            for (MethodNode method : type.methods) {
                if (!hasJsonCall(method)) {
                    continue;
                }
                Frame<BasicValue>[] frames = analyse(type, method);
                for (int i = 0; i < method.instructions.size(); i++) {
                    AbstractInsnNode insn = method.instructions.get(i);
                    int argument = jsonArgument(insn);
                    if (argument < 0 || frames[i] == null) {
                        continue;
                    }
                    Frame<BasicValue> frame = frames[i];
                    Type value = frame.getStack(frame.getStackSize() - 1 - argument).getType();
                    if (value == null || value.getSort() != Type.OBJECT) {
                        continue;
                    }
                    String where = type.name.replace('/', '.') + "." + method.name;
                    for (String missing : unregistered(value.getInternalName())) {
                        found.add(where + " hands " + missing.replace('/', '.') + " to Jackson ("
                                + ((MethodInsnNode) insn).name + "), but it is not registered for reflection:"
                                + " add @RegisterForReflection");
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** The type and the Tocsin types it holds (record components and fields, generics included) that lack registration. */
    private List<String> unregistered(String root) {
        List<String> missing = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            String name = queue.poll();
            ClassNode node = classes.get(name);
            if (node == null || !seen.add(name) || (node.access & Opcodes.ACC_ENUM) != 0
                    || (node.access & Opcodes.ACC_INTERFACE) != 0) {
                continue;
            }
            if (!registered.contains(name)) {
                missing.add(name);
            }
            queue.addAll(heldTypes(node));
        }
        return missing;
    }

    /** Which argument (counted from the last) of this call Jackson serializes, or -1 when it is no such call. */
    private static int jsonArgument(AbstractInsnNode insn) {
        if (!(insn instanceof MethodInsnNode call)) {
            return -1;
        }
        int arguments = Type.getArgumentTypes(call.desc).length;
        return switch (call.owner + "." + call.name) {
            case "jakarta/ws/rs/core/Response.ok", "jakarta/ws/rs/core/Response.accepted",
                 "jakarta/ws/rs/core/Response$ResponseBuilder.entity",
                 "com/fasterxml/jackson/databind/ObjectMapper.writeValueAsString",
                 "com/fasterxml/jackson/databind/ObjectMapper.writeValueAsBytes",
                 "com/fasterxml/jackson/databind/ObjectMapper.valueToTree" ->
                    arguments == 0 ? -1 : arguments - 1;     // the first argument
            default -> -1;
        };
    }

    private static boolean hasJsonCall(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (jsonArgument(insn) >= 0) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private Frame<BasicValue>[] analyse(ClassNode type, MethodNode method) {
        SimpleVerifier verifier = new SimpleVerifier(Opcodes.ASM9, Type.getObjectType(type.name),
                type.superName == null ? null : Type.getObjectType(type.superName),
                type.interfaces.stream().map(Type::getObjectType).toList(),
                (type.access & Opcodes.ACC_INTERFACE) != 0) {
        };
        verifier.setClassLoader(loader);
        try {
            return new Analyzer<>(verifier).analyze(type.name, method);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("Cannot analyse " + type.name + "." + method.name + ": " + e.getMessage(), e);
        }
    }

    /** Registered: annotated (itself or an enclosing class), listed as a target, or declared by a REST method. */
    private void collectRegistered() {
        for (ClassNode node : classes.values()) {
            AnnotationNode register = annotation(node.visibleAnnotations, REGISTER);
            if (register == null) {
                register = annotation(node.invisibleAnnotations, REGISTER);
            }
            if (register != null) {
                List<Type> targets = targets(register);
                if (targets.isEmpty()) {
                    registered.add(node.name);
                    registerNested(node.name);
                } else {
                    targets.forEach(t -> registered.add(t.getInternalName()));
                }
            }
            for (MethodNode method : node.methods) {
                if (isRestMethod(method)) {
                    // Quarkus registers the declared types with their whole hierarchy of field types.
                    ArrayDeque<String> queue = new ArrayDeque<>(typesIn(method.signature != null ? method.signature
                            : method.desc));
                    while (!queue.isEmpty()) {
                        String name = queue.poll();
                        if (classes.containsKey(name) && registered.add(name)) {
                            queue.addAll(heldTypes(classes.get(name)));
                        }
                    }
                }
            }
        }
    }

    private void registerNested(String outer) {
        for (String name : classes.keySet()) {
            if (name.startsWith(outer + "$")) {
                registered.add(name);
            }
        }
    }

    private static boolean isRestMethod(MethodNode method) {
        List<AnnotationNode> annotations = method.visibleAnnotations == null ? List.of() : method.visibleAnnotations;
        return annotations.stream().anyMatch(a -> REST_METHOD_ANNOTATIONS.contains(a.desc));
    }

    /** Tocsin types in record components and instance fields (with their generic arguments). */
    private Set<String> heldTypes(ClassNode node) {
        Set<String> held = new HashSet<>();
        if (node.recordComponents != null) {
            for (RecordComponentNode component : node.recordComponents) {
                held.addAll(typesIn(component.signature != null ? component.signature : component.descriptor));
            }
        }
        for (FieldNode field : node.fields) {
            if ((field.access & (Opcodes.ACC_STATIC | Opcodes.ACC_TRANSIENT)) == 0) {
                held.addAll(typesIn(field.signature != null ? field.signature : field.desc));
            }
        }
        held.removeIf(name -> !classes.containsKey(name));
        return held;
    }

    private static Set<String> typesIn(String signature) {
        Set<String> names = new HashSet<>();
        new SignatureReader(signature).accept(new SignatureVisitor(Opcodes.ASM9) {
            @Override
            public void visitClassType(String name) {
                names.add(name);
            }

            @Override
            public void visitInnerClassType(String name) {
                // Signatures spell nested generic types as Outer<…>.Inner; Jackson's records are rarely those.
            }
        });
        return names;
    }

    private static List<Type> targets(AnnotationNode annotation) {
        if (annotation.values == null) {
            return List.of();
        }
        for (int i = 0; i < annotation.values.size(); i += 2) {
            if ("targets".equals(annotation.values.get(i))) {
                @SuppressWarnings("unchecked")
                List<Type> targets = (List<Type>) annotation.values.get(i + 1);
                return targets;
            }
        }
        return List.of();
    }

    private static AnnotationNode annotation(List<AnnotationNode> annotations, String desc) {
        if (annotations == null) {
            return null;
        }
        return annotations.stream().filter(a -> a.desc.equals(desc)).findFirst().orElse(null);
    }

    private ClassNode read(String className) {
        try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
            if (in == null) {
                return null;
            }
            ClassNode node = new ClassNode();
            new ClassReader(in).accept(node, 0);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
