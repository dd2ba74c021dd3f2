// SPDX-License-Identifier: GPL-3.0-or-later
// glTF 2.0 through tinygltf: a generated figure is written as one skinned mesh (one joint per vertex);
// loading accepts skinned or unskinned models and checks every accessor before reading it.
#include <overum/avatar/gltf_io.h>
#include <overum/core/check.h>
#include <overum/core/format.h>

#include <tiny_gltf.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <glm/gtc/type_ptr.hpp>
#include <map>

namespace overum::avatar {
namespace {

// ---- writing ------------------------------------------------------------------------------------

// Appends raw bytes as a new buffer view (4-byte aligned) and an accessor over it; returns the accessor.
template <class T>
int addAccessor(tinygltf::Model& gltf, const std::vector<T>& data, int componentType, int type, int count, int target) {
  auto& bytes = gltf.buffers[0].data;
  while (bytes.size() % 4) bytes.push_back(0);
  tinygltf::BufferView view;
  view.buffer = 0;
  view.byteOffset = bytes.size();
  view.byteLength = data.size() * sizeof(T);
  if (target) view.target = target;
  const auto* raw = reinterpret_cast<const unsigned char*>(data.data());
  bytes.insert(bytes.end(), raw, raw + view.byteLength);
  gltf.bufferViews.push_back(view);

  tinygltf::Accessor accessor;
  accessor.bufferView = int(gltf.bufferViews.size()) - 1;
  accessor.componentType = componentType;
  accessor.type = type;
  accessor.count = std::size_t(count);
  gltf.accessors.push_back(accessor);
  return int(gltf.accessors.size()) - 1;
}

// ---- reading ------------------------------------------------------------------------------------

struct Reader {
  const tinygltf::Model& gltf;
  std::string file;

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(
        format("{}: {}; the character falls back to a generated figure. Re-export the model as glTF 2.0 "
               "(one triangle mesh, optionally skinned).",
               file, what));
  }

  // Reads an accessor as floats, `components` per element, converting normalized integers.
  std::vector<float> floats(int index, int components, const char* what) const {
    const auto& accessor = at(gltf.accessors, index, what);
    const int have = tinygltf::GetNumComponentsInType(std::uint32_t(accessor.type));
    if (have < components) fail(format("{} has {} components, expected {}", what, have, components));
    const auto [base, stride] = span(accessor, what);
    std::vector<float> out;
    out.reserve(accessor.count * std::size_t(components));
    for (std::size_t i = 0; i < accessor.count; ++i)
      for (int c = 0; c < components; ++c) out.push_back(component(base + i * stride, c, accessor, what));
    return out;
  }

  std::vector<std::uint32_t> integers(int index, const char* what) const {
    const auto& accessor = at(gltf.accessors, index, what);
    const auto [base, stride] = span(accessor, what);
    std::vector<std::uint32_t> out(accessor.count);
    for (std::size_t i = 0; i < accessor.count; ++i)
      out[i] = integerAt(base + i * stride, accessor.componentType, what);
    return out;
  }

  template <class T>
  const T& at(const std::vector<T>& list, int index, const char* what) const {
    if (index < 0 || std::size_t(index) >= list.size()) fail(format("{} refers to a missing entry ({})", what, index));
    return list[std::size_t(index)];
  }

  // The first byte of the accessor's data and the stride, after checking everything lies inside the buffer.
  std::pair<const unsigned char*, std::size_t> span(const tinygltf::Accessor& accessor, const char* what) const {
    if (accessor.sparse.isSparse) fail(format("{} uses sparse storage, which Øverum does not read", what));
    const auto& view = at(gltf.bufferViews, accessor.bufferView, what);
    const auto& buffer = at(gltf.buffers, view.buffer, what);
    const int componentSize = tinygltf::GetComponentSizeInBytes(std::uint32_t(accessor.componentType));
    const int components = tinygltf::GetNumComponentsInType(std::uint32_t(accessor.type));
    if (componentSize <= 0 || components <= 0) fail(format("{} has an unknown component type", what));
    const std::size_t element = std::size_t(componentSize * components);
    const std::size_t stride = view.byteStride ? view.byteStride : element;
    const std::size_t start = view.byteOffset + accessor.byteOffset;
    const std::size_t end = accessor.count == 0 ? start : start + (accessor.count - 1) * stride + element;
    if (accessor.count > (1u << 24) || end > view.byteOffset + view.byteLength || end > buffer.data.size())
      fail(format("{} reads past the end of its buffer", what));
    return {buffer.data.data() + start, stride};
  }

  std::uint32_t integerAt(const unsigned char* p, int type, const char* what) const {
    switch (type) {
      case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return *p;
      case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
        std::uint16_t v;
        std::memcpy(&v, p, 2);
        return v;
      }
      case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: {
        std::uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
      }
    }
    fail(format("{} must be unsigned integers", what));
  }

  float component(const unsigned char* element, int c, const tinygltf::Accessor& a, const char* what) const {
    const int size = tinygltf::GetComponentSizeInBytes(std::uint32_t(a.componentType));
    const unsigned char* p = element + c * size;
    if (a.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT) {
      float v;
      std::memcpy(&v, p, 4);
      return std::isfinite(v) ? v : 0.0f;
    }
    const float value = float(integerAt(p, a.componentType, what));
    if (!a.normalized) return value;
    return value / (a.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE ? 255.0f : 65535.0f);
  }
};

glm::mat4 nodeLocal(const tinygltf::Node& node) {
  if (node.matrix.size() == 16) {
    glm::mat4 m;
    for (int i = 0; i < 16; ++i) glm::value_ptr(m)[i] = float(node.matrix[std::size_t(i)]);
    return m;
  }
  glm::mat4 m(1.0f);
  if (node.translation.size() == 3) m[3] = glm::vec4(node.translation[0], node.translation[1], node.translation[2], 1);
  if (node.rotation.size() == 4)
    m = m * glm::mat4_cast(glm::quat(float(node.rotation[3]), float(node.rotation[0]), float(node.rotation[1]),
                                     float(node.rotation[2])));
  if (node.scale.size() == 3) m = glm::scale(m, glm::vec3(node.scale[0], node.scale[1], node.scale[2]));
  return m;
}

Joint jointFromNode(const tinygltf::Node& node, int parent) {
  Joint joint;
  joint.name = node.name;
  joint.parent = parent;
  if (node.matrix.size() == 16) {  // keep it simple: a matrix node becomes a pure translation joint
    joint.translation = glm::vec3(nodeLocal(node)[3]);
    return joint;
  }
  if (node.translation.size() == 3)
    joint.translation = glm::vec3(node.translation[0], node.translation[1], node.translation[2]);
  if (node.rotation.size() == 4)
    joint.rotation =
        glm::quat(float(node.rotation[3]), float(node.rotation[0]), float(node.rotation[1]), float(node.rotation[2]));
  if (node.scale.size() == 3) joint.scale = glm::vec3(node.scale[0], node.scale[1], node.scale[2]);
  return joint;
}

AvatarModel readModel(const tinygltf::Model& gltf, const std::string& file) {
  const Reader r{gltf, file};
  int meshNode = -1;
  for (std::size_t i = 0; i < gltf.nodes.size() && meshNode < 0; ++i)
    if (gltf.nodes[i].mesh >= 0) meshNode = int(i);
  if (meshNode < 0) r.fail("it contains no mesh");
  const tinygltf::Node& node = gltf.nodes[std::size_t(meshNode)];
  const tinygltf::Mesh& mesh = r.at(gltf.meshes, node.mesh, "the mesh");

  AvatarModel model;
  model.name = mesh.name.empty() ? node.name : mesh.name;
  // Joints: the skin's joint nodes, parents taken from the node tree; an unskinned model gets one root.
  std::vector<int> skinJoints;
  if (node.skin >= 0) skinJoints = r.at(gltf.skins, node.skin, "the skin").joints;
  if (skinJoints.size() > 256) r.fail("its skin has more than 256 joints");
  std::map<int, int> jointOfNode;
  for (std::size_t j = 0; j < skinJoints.size(); ++j) jointOfNode[skinJoints[j]] = int(j);
  std::map<int, int> parentOf;
  for (std::size_t n = 0; n < gltf.nodes.size(); ++n)
    for (int child : gltf.nodes[n].children) parentOf[child] = int(n);
  for (std::size_t j = 0; j < skinJoints.size(); ++j) {
    r.at(gltf.nodes, skinJoints[j], "a skin joint");
    const auto parentNode = parentOf.find(skinJoints[j]);
    const int parent =
        parentNode != parentOf.end() && jointOfNode.contains(parentNode->second) ? jointOfNode[parentNode->second] : -1;
    if (parent >= int(j)) r.fail("its skin lists a joint before its parent");
    model.joints.push_back(jointFromNode(gltf.nodes[std::size_t(skinJoints[j])], parent));
  }
  const glm::mat4 T_model_mesh = skinJoints.empty() ? nodeLocal(node) : glm::mat4(1.0f);
  if (skinJoints.empty()) model.joints.push_back(Joint{"root", -1, {}, {1, 0, 0, 0}, {1, 1, 1}});

  for (const tinygltf::Primitive& primitive : mesh.primitives) {
    if (primitive.mode != TINYGLTF_MODE_TRIANGLES && primitive.mode != -1) continue;
    const auto attribute = [&](const char* name) {
      const auto it = primitive.attributes.find(name);
      return it == primitive.attributes.end() ? -1 : it->second;
    };
    if (attribute("POSITION") < 0) r.fail("a primitive has no POSITION");
    const auto positions = r.floats(attribute("POSITION"), 3, "POSITION");
    const std::size_t count = positions.size() / 3;
    const auto normals = attribute("NORMAL") >= 0 ? r.floats(attribute("NORMAL"), 3, "NORMAL") : std::vector<float>{};
    const auto colors = attribute("COLOR_0") >= 0 ? r.floats(attribute("COLOR_0"), 3, "COLOR_0") : std::vector<float>{};
    const auto joints =
        attribute("JOINTS_0") >= 0 ? r.floats(attribute("JOINTS_0"), 4, "JOINTS_0") : std::vector<float>{};
    const auto weights =
        attribute("WEIGHTS_0") >= 0 ? r.floats(attribute("WEIGHTS_0"), 4, "WEIGHTS_0") : std::vector<float>{};
    if ((!normals.empty() && normals.size() != positions.size()) ||
        (!colors.empty() && colors.size() != positions.size()) || (joints.size() != weights.size()) ||
        (!joints.empty() && joints.size() != count * 4))
      r.fail("a primitive's attributes have different counts");

    glm::vec3 materialColor(0.8f);
    if (primitive.material >= 0) {
      const auto& factor = r.at(gltf.materials, primitive.material, "a material").pbrMetallicRoughness.baseColorFactor;
      if (factor.size() >= 3) materialColor = glm::vec3(factor[0], factor[1], factor[2]);
    }
    const std::uint32_t base = std::uint32_t(model.vertices.size());
    for (std::size_t i = 0; i < count; ++i) {
      AvatarVertex v{};
      v.position = glm::vec3(T_model_mesh * glm::vec4(positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2], 1));
      v.normal = normals.empty()
                     ? glm::vec3(0, 1, 0)
                     : glm::vec3(T_model_mesh * glm::vec4(normals[i * 3], normals[i * 3 + 1], normals[i * 3 + 2], 0));
      if (glm::length(v.normal) > 1e-6f) v.normal = glm::normalize(v.normal);
      v.color = colors.empty() ? materialColor : glm::vec3(colors[i * 3], colors[i * 3 + 1], colors[i * 3 + 2]);
      if (!joints.empty()) {              // the two joints with the largest weights, their shares renormalised
        const auto weight = [&](int k) {  // a negative or broken weight counts as none
          const float w = weights[i * 4 + std::size_t(k)];
          return std::isfinite(w) && w > 0.0f ? w : 0.0f;
        };
        std::array<int, 4> order{0, 1, 2, 3};
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return weight(a) > weight(b); });
        const auto jointAt = [&](int k) {
          const float joint = joints[i * 4 + std::size_t(k)];
          if (!(joint >= 0 && joint < float(model.joints.size())))
            r.fail("JOINTS_0 names a joint the skin does not have");
          return std::uint16_t(joint);
        };
        const float first = weight(order[0]), second = weight(order[1]);
        v.joint = jointAt(order[0]);
        v.blendJoint = second > 0.0f ? jointAt(order[1]) : v.joint;
        v.blend = second > 0.0f ? second / (first + second) : 0.0f;
      }
      model.vertices.push_back(v);
    }
    std::vector<std::uint32_t> indices;
    if (primitive.indices >= 0) indices = r.integers(primitive.indices, "the indices");
    else
      for (std::uint32_t i = 0; i < count; ++i) indices.push_back(i);
    if (indices.size() % 3) r.fail("the index count is not a multiple of 3");
    for (std::uint32_t index : indices) {
      if (index >= count) r.fail("an index points past the vertices");
      model.indices.push_back(base + index);
    }
  }
  if (model.indices.empty()) r.fail("its mesh has no triangles");
  return model;
}

// ---- the files a model names -------------------------------------------------------------------
// A .gltf names its buffers and images by URI. They are read only from the model's own folder (or
// below it) and only when they are regular files: "../../../../etc/shadow" or "/dev/zero" is refused.

struct ModelFolder {
  std::filesystem::path root;  // canonical
};

// tinygltf's own check opens the file, which blocks on a pipe; this one only looks.
bool existsUnopened(const std::string& path, void*) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

// tinygltf's own expansion runs wordexp() on the URI ($HOME, ~): a model's URIs are plain paths.
std::string samePath(const std::string& path, void*) { return path; }

bool readConfined(std::vector<unsigned char>* out, std::string* err, const std::string& path, void* user) {
  const std::filesystem::path& root = static_cast<const ModelFolder*>(user)->root;
  std::error_code ec;
  const std::filesystem::path file = std::filesystem::weakly_canonical(path, ec);
  const std::filesystem::path inside = file.lexically_relative(root);
  if (ec || inside.empty() || *inside.begin() == "..") {
    if (err)
      *err += format("\"{}\" lies outside the model's folder {}; keep the files a model uses beside it", path,
                     root.string());
    return false;
  }
  if (!std::filesystem::is_regular_file(file, ec)) {
    if (err) *err += format("\"{}\" is not a regular file", path);
    return false;
  }
  return tinygltf::ReadWholeFile(out, err, file.string(), nullptr);
}

}  // namespace

void writeGlb(const AvatarModel& model, const std::filesystem::path& path) {
  tinygltf::Model gltf;
  gltf.asset.version = "2.0";
  gltf.asset.generator = "Øverum avatar generator";
  gltf.buffers.emplace_back();

  std::vector<glm::vec3> positions, normals, colors;
  std::vector<std::uint16_t> joints;
  std::vector<float> weights;
  glm::vec3 lo(1e9f), hi(-1e9f);
  for (const AvatarVertex& v : model.vertices) {
    positions.push_back(v.position);
    normals.push_back(v.normal);
    colors.push_back(v.color);
    joints.insert(joints.end(), {v.joint, v.blendJoint, 0, 0});
    weights.insert(weights.end(), {1.0f - v.blend, v.blend, 0.0f, 0.0f});
    lo = glm::min(lo, v.position);
    hi = glm::max(hi, v.position);
  }
  const int vertexCount = int(model.vertices.size());
  tinygltf::Primitive primitive;
  primitive.mode = TINYGLTF_MODE_TRIANGLES;
  primitive.attributes["POSITION"] = addAccessor(gltf, positions, TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC3,
                                                 vertexCount, TINYGLTF_TARGET_ARRAY_BUFFER);
  gltf.accessors.back().minValues = {lo.x, lo.y, lo.z};
  gltf.accessors.back().maxValues = {hi.x, hi.y, hi.z};
  primitive.attributes["NORMAL"] = addAccessor(gltf, normals, TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC3,
                                               vertexCount, TINYGLTF_TARGET_ARRAY_BUFFER);
  primitive.attributes["COLOR_0"] = addAccessor(gltf, colors, TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC3,
                                                vertexCount, TINYGLTF_TARGET_ARRAY_BUFFER);
  primitive.attributes["JOINTS_0"] = addAccessor(gltf, joints, TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT,
                                                 TINYGLTF_TYPE_VEC4, vertexCount, TINYGLTF_TARGET_ARRAY_BUFFER);
  primitive.attributes["WEIGHTS_0"] = addAccessor(gltf, weights, TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC4,
                                                  vertexCount, TINYGLTF_TARGET_ARRAY_BUFFER);
  primitive.indices = addAccessor(gltf, model.indices, TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT, TINYGLTF_TYPE_SCALAR,
                                  int(model.indices.size()), TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER);
  tinygltf::Mesh mesh;
  mesh.name = model.name;
  mesh.primitives.push_back(primitive);
  gltf.meshes.push_back(mesh);

  // Joints are nodes 0..J-1 in the model's order; the skinned mesh node comes last.
  const auto rest = model.globalTransforms({});
  std::vector<glm::mat4> inverseBind;
  tinygltf::Skin skin;
  tinygltf::Scene scene;
  for (std::size_t j = 0; j < model.joints.size(); ++j) {
    const Joint& joint = model.joints[j];
    tinygltf::Node node;
    node.name = joint.name;
    node.translation = {joint.translation.x, joint.translation.y, joint.translation.z};
    node.rotation = {joint.rotation.x, joint.rotation.y, joint.rotation.z, joint.rotation.w};
    node.scale = {joint.scale.x, joint.scale.y, joint.scale.z};
    gltf.nodes.push_back(node);
    if (joint.parent >= 0) gltf.nodes[std::size_t(joint.parent)].children.push_back(int(j));
    else scene.nodes.push_back(int(j));
    skin.joints.push_back(int(j));
    inverseBind.push_back(glm::inverse(rest[j]));
  }
  skin.inverseBindMatrices =
      addAccessor(gltf, inverseBind, TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_MAT4, int(inverseBind.size()), 0);
  gltf.skins.push_back(skin);
  tinygltf::Node meshNode;
  meshNode.name = model.name;
  meshNode.mesh = 0;
  meshNode.skin = 0;
  gltf.nodes.push_back(meshNode);
  scene.nodes.push_back(int(gltf.nodes.size()) - 1);
  gltf.scenes.push_back(scene);
  gltf.defaultScene = 0;
  gltf.buffers[0].data.resize((gltf.buffers[0].data.size() + 3) & ~std::size_t(3));

  tinygltf::TinyGLTF writer;
  if (!writer.WriteGltfSceneToFile(&gltf, path.string(), true, true, false, true))
    throw Error(format("cannot write {}; check that the folder exists and is writable", path.string()));
}

LoadResult loadGltf(const std::filesystem::path& path) {
  LoadResult result;
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) {
    result.error = format("{}: no such file; check the `model` path in the cast file", path.string());
    return result;
  }
  if (!std::filesystem::is_regular_file(status)) {  // reading a device or a pipe would never end
    result.error = format(
        "{}: is not a regular file (a folder, device or pipe); name a .glb or .gltf file in the "
        "cast file's `model`",
        path.string());
    return result;
  }
  tinygltf::Model gltf;
  tinygltf::TinyGLTF loader;
  ModelFolder folder{std::filesystem::weakly_canonical(std::filesystem::absolute(path), ec).parent_path()};
  loader.SetFsCallbacks({existsUnopened, samePath, readConfined, tinygltf::WriteWholeFile, &folder});
  std::string err, warn;
  const bool binary = path.extension() == ".glb";
  const bool ok = binary ? loader.LoadBinaryFromFile(&gltf, &err, &warn, path.string())
                         : loader.LoadASCIIFromFile(&gltf, &err, &warn, path.string());
  if (!ok) {
    result.error = format("{}: not a readable glTF 2.0 file ({}); re-export it from your modelling program",
                          path.string(), err.empty() ? "unknown reason" : err);
    return result;
  }
  try {
    result.model = readModel(gltf, path.string());
  } catch (const Error& e) {
    result.error = e.what();
  }
  return result;
}

}  // namespace overum::avatar
