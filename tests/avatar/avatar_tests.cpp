// SPDX-License-Identifier: GPL-3.0-or-later
// Generated characters follow their cast words; glTF files round-trip; broken files are refused by name.
#include <overum/avatar/appearance.h>
#include <overum/avatar/gltf_io.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace overum::avatar;
namespace fs = std::filesystem;

namespace {

fs::path tempDir() {
  const fs::path dir = fs::temp_directory_path() / ("overum-avatar-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

float luminance(glm::vec3 c) { return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b; }

glm::vec3 restPosition(const AvatarModel& m, const char* joint) {
  return glm::vec3(m.globalTransforms({})[std::size_t(m.findJoint(joint))][3]);
}

}  // namespace

TEST_CASE("a generated figure has every joint, sits at the table and faces +Z") {
  const AvatarModel m =
      buildAvatar(styleFromAppearance({45, "kvinde", "mellem", "langt", "brun", "blazer", "blaa", {}}), "Mette");
  for (std::string_view name : kJointNames) CHECK(m.findJoint(name) >= 0);
  REQUIRE(m.triangleCount() > 3000);
  CHECK(m.triangleCount() < 30000);  // a few thousand triangles each keeps six people cheap
  for (const AvatarVertex& v : m.vertices) {
    REQUIRE(v.joint < m.joints.size());
    REQUIRE(v.blendJoint < m.joints.size());
    REQUIRE(v.blend >= 0.0f);
    REQUIRE(v.blend <= 1.0f);
  }
  for (std::uint32_t i : m.indices) REQUIRE(i < m.vertices.size());
  const glm::vec3 head = restPosition(m, "head");
  CHECK(head.y > 1.05f);
  CHECK(head.y < 1.3f);
  CHECK(restPosition(m, "eye_l").z > head.z);  // eyes are in front of the head's pivot: it faces +Z
  for (std::size_t j = 0; j < m.joints.size(); ++j) CHECK(m.joints[j].parent < int(j));
}

TEST_CASE("cast words change colours and shapes") {
  const AvatarStyle light = styleFromAppearance({30, "mand", "lys", "kort", "blond", "skjorte", "hvid", {}});
  const AvatarStyle dark =
      styleFromAppearance({30, "mand", "meget_moerk", "kruset", "sort", "striktroeje", "bordeaux", {}});
  CHECK(luminance(dark.skin) < luminance(light.skin) * 0.5f);
  CHECK(luminance(dark.hair) < luminance(light.hair));
  CHECK(dark.hairStyle == HairStyle::curly);
  CHECK(light.top.r > 0.8f);
  CHECK(dark.top.r > dark.top.b * 2.0f);  // bordeaux is red
  CHECK(styleFromAppearance({70, "kvinde", "lys", "skaldet", "", "kittel", "", {}}).hairStyle == HairStyle::bald);
  CHECK(styleFromAppearance({70, "", "lys", "kort", "", "", "", {}}).hair.r >
        0.3f);  // grey by age when no colour is given
  const AvatarModel a = buildAvatar(light, "a"), b = buildAvatar(dark, "b");
  CHECK(a.vertices.size() != b.vertices.size());  // curls add shapes
}

TEST_CASE("hands rest on the table with four fingers and a thumb each") {
  const AvatarStyle style = styleFromAppearance({45, "mand", "lys", "kort", "", "skjorte", "", {}});
  const AvatarModel m = buildAvatar(style, "Per");
  for (const char* forearm : {"forearm_l", "forearm_r"}) {
    INFO(forearm);
    const auto joint = std::uint16_t(m.findJoint(forearm));
    // The tips are the lowest points of the hand's skin: gather them into touches, each a finger apart.
    std::vector<glm::vec2> low;  // x, z
    for (const AvatarVertex& v : m.vertices) {
      if (v.joint != joint || v.color != style.skin || v.position.y > 0.745f) continue;  // the sleeve may touch
      CHECK(v.position.y > 0.739f);  // resting on a 0.74 m table, not sunk into it
      low.emplace_back(v.position.x, v.position.z);
    }
    REQUIRE(!low.empty());
    // Across the hand (square to the line from the elbow to the touches), the touches lie in bands with
    // gaps between them: one band a finger.
    glm::vec2 middle(0.0f);
    for (glm::vec2 p : low) middle += p / float(low.size());
    const glm::vec3 elbow = restPosition(m, forearm);
    const glm::vec2 forward = glm::normalize(middle - glm::vec2(elbow.x, elbow.z));
    std::vector<float> across;
    for (glm::vec2 p : low) across.push_back(glm::dot(p - middle, glm::vec2(-forward.y, forward.x)));
    std::sort(across.begin(), across.end());
    int touches = 1;
    for (std::size_t i = 1; i < across.size(); ++i) touches += across[i] - across[i - 1] > 0.005f;
    CHECK(touches == 5);
  }
}

TEST_CASE("the face has brows and mouth corners of its own, for moods to move") {
  const AvatarModel m = buildAvatar(styleFromAppearance({}), "x");
  for (const char* part : {"brow_l", "brow_r", "mouth_corner_l", "mouth_corner_r"}) {
    INFO(part);
    const int joint = m.findJoint(part);
    REQUIRE(joint >= 0);
    CHECK(m.joints[std::size_t(m.joints[std::size_t(joint)].parent)].name == "head");
    CHECK(std::count_if(m.vertices.begin(), m.vertices.end(), [&](const AvatarVertex& v) { return v.joint == joint; }) >
          20);
  }
  CHECK(restPosition(m, "brow_l").y > restPosition(m, "eye_l").y + 0.015f);
  CHECK(restPosition(m, "mouth_corner_l").y < restPosition(m, "eye_l").y - 0.05f);
}

TEST_CASE("glasses and jewellery come from the cast's words") {
  const Appearance plain{60, "kvinde", "lys", "knold", "graa", "striktroeje", "bordeaux", {}};
  Appearance dressed = plain;
  dressed.accessories = {"briller", "halskaede", "oereringe", "soelv"};
  const AvatarStyle a = styleFromAppearance(plain), b = styleFromAppearance(dressed);
  CHECK_FALSE(a.glasses);
  CHECK_FALSE(a.necklace);
  CHECK(b.glasses);
  CHECK(b.necklace);
  CHECK(b.earrings);
  CHECK(b.metal.b > a.metal.b);  // silver, not gold
  CHECK(buildAvatar(b, "b").vertices.size() > buildAvatar(a, "a").vertices.size());
  CHECK(styleFromAppearance({40, "mand", "lys", "kort", "", "blazer", "", {}}).garment == Garment::blazer);
  CHECK(styleFromAppearance({40, "mand", "lys", "kort", "", "t-shirt", "", {}}).garment == Garment::tshirt);
}

TEST_CASE("a generated figure round-trips through .glb") {
  const AvatarModel m =
      buildAvatar(styleFromAppearance({55, "mand", "moerk", "skaldet", "", "blazer", "graa", {}}), "Kasper");
  const fs::path file = tempDir() / "kasper.glb";
  writeGlb(m, file);
  REQUIRE(fs::file_size(file) > 1000);
  const LoadResult loaded = loadGltf(file);
  INFO(loaded.error);
  REQUIRE(loaded.model);
  const AvatarModel& r = *loaded.model;
  CHECK(r.name == "Kasper");
  REQUIRE(r.joints.size() == m.joints.size());
  for (std::size_t j = 0; j < m.joints.size(); ++j) {
    CHECK(r.joints[j].name == m.joints[j].name);
    CHECK(r.joints[j].parent == m.joints[j].parent);
    CHECK(glm::distance(r.joints[j].translation, m.joints[j].translation) < 1e-5f);
  }
  REQUIRE(r.vertices.size() == m.vertices.size());
  CHECK(r.indices == m.indices);
  // How much of a vertex follows a joint: the skinning is kept, whichever of the two the file lists first.
  const auto share = [](const AvatarVertex& v, std::uint16_t joint) {
    return (v.joint == joint ? 1.0f - v.blend : 0.0f) + (v.blendJoint == joint ? v.blend : 0.0f);
  };
  std::size_t blended = 0;
  for (std::size_t i = 0; i < m.vertices.size(); ++i) {
    const AvatarVertex &original = m.vertices[i], &read = r.vertices[i];
    if (original.blend > 0.0f) ++blended;
    else if (i % 97 != 0) continue;
    CHECK(glm::distance(read.position, original.position) < 1e-5f);
    CHECK(glm::distance(read.color, original.color) < 1e-5f);
    for (std::uint16_t joint : {original.joint, original.blendJoint})
      CHECK(std::abs(share(read, joint) - share(original, joint)) < 1e-5f);
  }
  CHECK(blended > 100);  // the bends (neck, shoulders, elbows, waist) are in the file
}

TEST_CASE("an unskinned glTF model loads as one rigid piece") {
  // One triangle; buffer = 3 float positions + 3 uint16 indices (+2 padding), base64.
  const fs::path file = tempDir() / "triangle.gltf";
  std::ofstream(file) << R"({"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],
    "nodes":[{"mesh":0,"translation":[0,1,0]}],
    "meshes":[{"primitives":[{"attributes":{"POSITION":1},"indices":0}]}],
    "buffers":[{"uri":"data:application/octet-stream;base64,AAABAAIAAAAAAAAAAAAAAAAAAAAAAIA/AAAAAAAAAAAAAAAAAACAPwAAAAA=","byteLength":44}],
    "bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":6,"target":34963},{"buffer":0,"byteOffset":8,"byteLength":36,"target":34962}],
    "accessors":[{"bufferView":0,"byteOffset":0,"componentType":5123,"count":3,"type":"SCALAR","max":[2],"min":[0]},
                 {"bufferView":1,"byteOffset":0,"componentType":5126,"count":3,"type":"VEC3","max":[1,1,0],"min":[0,0,0]}]})";
  const LoadResult loaded = loadGltf(file);
  INFO(loaded.error);
  REQUIRE(loaded.model);
  CHECK(loaded.model->joints.size() == 1);
  REQUIRE(loaded.model->vertices.size() == 3);
  CHECK(loaded.model->vertices[1].position.y == Approx(1.0f));  // the node's translation is applied
  CHECK(loaded.model->vertices[2].position.y == Approx(2.0f));
}

TEST_CASE("broken glTF files are refused with the file's name, never a crash") {
  const fs::path dir = tempDir();
  SECTION("missing") {
    const LoadResult r = loadGltf(dir / "nope.glb");
    CHECK_FALSE(r.model);
    CHECK_THAT(r.error, Catch::Contains("nope.glb") && Catch::Contains("cast"));
  }
  SECTION("not glTF") {
    std::ofstream(dir / "junk.glb") << "this is not a model";
    const LoadResult r = loadGltf(dir / "junk.glb");
    CHECK_FALSE(r.model);
    CHECK_THAT(r.error, Catch::Contains("junk.glb"));
  }
  SECTION("truncated at every length") {
    writeGlb(buildAvatar(styleFromAppearance({}), "x"), dir / "whole.glb");
    std::ifstream in(dir / "whole.glb", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    for (std::size_t cut : {std::size_t(4), std::size_t(20), std::size_t(100), bytes.size() / 2, bytes.size() - 8}) {
      std::ofstream(dir / "cut.glb", std::ios::binary).write(bytes.data(), std::streamsize(cut));
      const LoadResult r = loadGltf(dir / "cut.glb");
      CHECK_FALSE(r.model);
      CHECK_THAT(r.error, Catch::Contains("cut.glb"));
    }
  }
  SECTION("an index beyond the vertices") {
    std::ofstream(dir / "bad.gltf") << R"({"asset":{"version":"2.0"},"nodes":[{"mesh":0}],
      "meshes":[{"primitives":[{"attributes":{"POSITION":1},"indices":0}]}],
      "buffers":[{"uri":"data:application/octet-stream;base64,AAABAAkAAAAAAAAAAAAAAAAAAAAAAIA/AAAAAAAAAAAAAAAAAACAPwAAAAA=","byteLength":44}],
      "bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":6},{"buffer":0,"byteOffset":8,"byteLength":36}],
      "accessors":[{"bufferView":0,"componentType":5123,"count":3,"type":"SCALAR"},
                   {"bufferView":1,"componentType":5126,"count":3,"type":"VEC3","max":[1,1,0],"min":[0,0,0]}]})";
    const LoadResult r = loadGltf(dir / "bad.gltf");
    CHECK_FALSE(r.model);
    CHECK_THAT(r.error, Catch::Contains("bad.gltf") && Catch::Contains("index"));
  }
}

// Issue #10: a model's URIs could read any file on the machine, and a device or pipe was "no such file".
TEST_CASE("a model reads only regular files in its own folder", "[faults]") {
  const fs::path dir = tempDir() / "confined";
  fs::create_directories(dir / "model");
  std::ofstream(dir / "secret.bin", std::ios::binary) << "1234";
  std::ofstream(dir / "model" / "buffer.bin", std::ios::binary) << "1234";
  const auto model = [&](const std::string& uri) {
    std::ofstream(dir / "model" / "m.gltf")
        << R"({"asset":{"version":"2.0"},"buffers":[{"uri":")" << uri << R"(","byteLength":4}]})";
    return loadGltf(dir / "model" / "m.gltf");
  };
  SECTION("a URI climbing out of the folder") {
    const LoadResult r = model("../secret.bin");
    CHECK_FALSE(r.model);
    CHECK_THAT(r.error, Catch::Contains("m.gltf") && Catch::Contains("outside the model's folder"));
    CHECK_THAT(model("../../../../../../../../etc/passwd").error, Catch::Contains("outside the model's folder"));
    // tinygltf looks for an absolute URI inside the model's folder, where it is not.
    CHECK_THAT(model("/etc/passwd").error,
               Catch::Contains("outside the model's folder") || Catch::Contains("not found"));
  }
  SECTION("a URI naming a device") {
    fs::create_symlink("/dev/zero", dir / "model" / "zero.bin");
    CHECK_THAT(model("zero.bin").error, Catch::Contains("outside the model's folder"));  // where the link leads
  }
  SECTION("a URI inside the folder is read") {
    CHECK_THAT(model("buffer.bin").error, !Catch::Contains("outside") && !Catch::Contains("regular"));
  }
  SECTION("a device or a pipe as the model") {
    CHECK_THAT(loadGltf("/dev/zero").error, Catch::Contains("/dev/zero: is not a regular file"));
    REQUIRE(::mkfifo((dir / "pipe.glb").c_str(), 0600) == 0);
    CHECK_THAT(loadGltf(dir / "pipe.glb").error, Catch::Contains("pipe.glb: is not a regular file"));
  }
  fs::remove_all(dir);
}
